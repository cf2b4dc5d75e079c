import ComparisonTables
import HubStore

/// Checks of what a command was asked for against what the store holds, so a code, period or
/// indicator it does not know is refused with exit 2 and a message saying what it does hold,
/// rather than an empty table.
enum RequestChecks {
    /// Throws unless `code` is a 3-digit LA code of the register or one with stored figures; with
    /// `areas`, England's (`E92000001`), a region's or an LA's E-code pass too.
    static func knownArea(_ code: String, in database: Database, areas: Bool = true) throws {
        let register = LARegister(database: database)
        if try register.knownCodes().contains(code) { return }
        if IndicatorSnapshot.isLACode(code), try IndicatorTable(database: database).hasValues(laCode: code) { return }
        let isArea = try code == AreaTotals.englandCode || register.isAreaCode(code)
        guard areas, isArea else {
            throw HubFailure.unusable("\(ComparisonTablesError.unknownLA(code)); `hnhub neighbours --la CODE` names an LA")
        }
    }

    /// Throws unless an indicator `id` has been computed.
    static func knownIndicator(_ id: String, in database: Database) throws {
        let ids = try IndicatorTable(database: database).storedDefinitions().map(\.id).sorted()
        guard ids.contains(id) else {
            throw HubFailure.unusable("no indicator '\(id)'; the hub computes: \(ids.isEmpty ? "none yet (import returns first)" : ids.joined(separator: ", "))")
        }
    }

    /// Throws unless some indicator has a figure in `period` (or, for a census period such as
    /// 2024/25, in its calendar counterpart 2024, and the reverse).
    static func knownPeriod(_ period: String, in snapshot: IndicatorSnapshot) throws {
        guard snapshot.definitions.contains(where: { snapshot.period(of: $0.id, requested: period) != nil }) else {
            let held = Set(snapshot.definitions.flatMap { snapshot.periods(of: $0.id) }).sorted()
            let shape = period.count == 7 && period.dropFirst(4).first == "/" || period.count == 4 && Int(period) != nil
            throw HubFailure.unusable(
                (shape ? "no figures for period '\(period)'" : "'\(period)' is not a period (e.g. 2024/25 for a census, 2024 for a calendar year)")
                + "; periods held: \(held.isEmpty ? "none yet (import returns first)" : held.joined(separator: ", "))")
        }
    }
}
