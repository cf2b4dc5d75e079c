/// The caseload measures of a forecast's rows (`measure` in `hnhub forecast --format json`; the
/// `dsg.csv` money measures are `CostProjection`'s): ids fixed by the forecast's output contract,
/// docs/forecasting.md, "Commands". The caseload measure is spelled like the caseload indicator
/// it continues but is the forecast's own: the host knows indicators only through the metric
/// plugins' declarations (docs/writing-plugins.md), and this is no reference to one.
package enum ForecastMeasure {
    /// Children with a plan at each census, forecast.
    package static let caseload = "ehcp_caseload"
    /// A scenario's change to the caseload (docs/forecasting.md, "Scenarios").
    package static let caseloadChange = "ehcp_caseload_change"
}
