import HubKit

extension CentreSite {
    /// The site's point and how outputs name it: an establishment's location and name from the
    /// register, or the grid reference given.
    public func locate(_ context: any MetricContext) throws -> (point: GridPoint, label: String) {
        switch self {
        case .point(let point):
            return (point, "grid reference \(Int(point.easting)),\(Int(point.northing))")
        case .urn(let urn):
            let rows = try context.rows("SELECT name, easting, northing, la_code FROM establishments WHERE urn = ?", [.text(urn)])
            guard let row = rows.first else { throw ScopeError.siteNotInRegister(urn: urn) }
            guard let easting = row[1].double, let northing = row[2].double else { throw ScopeError.siteNotLocated(urn: urn) }
            let name = row[0].string.map { " \($0)" } ?? ""
            return (GridPoint(easting: easting, northing: northing), "URN \(urn)\(name) (LA \(row[3].string ?? "?"))")
        }
    }
}
