import HubKit

/// The metric providers the plugin registers: the census caseload, the year's work, the placement
/// costs, and the published figures that fill in the first two for LAs and areas without returns.
package let metricProviders: [any MetricProvider] = [
    CaseloadMetricProvider(), WorkMetricProvider(), CostMetricProvider(), PublishedFiguresProvider(),
]
