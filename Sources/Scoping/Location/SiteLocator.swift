import HubKit
import HubStore

extension CentreSite {
    /// The site's point and how outputs name it: an establishment's location and name from the
    /// register, or the grid reference given.
    package func locate(_ context: any MetricContext) throws -> (point: GridPoint, label: String) {
        switch self {
        case .point(let point):
            return (point, "grid reference \(Int(point.easting)),\(Int(point.northing))")
        case .urn(let urn):
            guard let site = try CohortRows.establishment(urn: urn, context) else { throw ScopeError.siteNotInRegister(urn: urn) }
            guard let easting = site.easting, let northing = site.northing else { throw ScopeError.siteNotLocated(urn: urn) }
            let name = site.name.map { " \($0)" } ?? ""
            return (GridPoint(easting: easting, northing: northing), "URN \(urn)\(name) (LA \(site.laCode ?? "?"))")
        }
    }
}
