import Foundation
import HubStore
import MetricEngine
import PluginHost
import Testing

/// SQL metric files over their life: a query returning its columns in the wrong order is refused
/// with the row; the values of a metric whose file is gone leave the store (and so every output);
/// `hnhub plugins` lists the files; an SQL error is not followed by a misleading note.
@Suite struct MetricFileLifecycleTests {
    typealias Hub = DeclarativeMetricsTests.Hub
    static let persons = "SELECT la_code, collection_year, COUNT(*) FROM current_persons GROUP BY 1, 2"

    /// `collection_year, la_code` instead of `la_code, collection_year`: refused at the first row,
    /// naming the field, instead of storing a figure for "LA 2025" and none for the real LA.
    @Test func columnsInTheWrongOrderAreRefusedWithTheRow() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        try hub.metric("swapped.yaml", DeclarativeMetricsTests.yaml(
            id: "swapped", numerator: "SELECT collection_year, la_code, COUNT(*) FROM current_persons GROUP BY 1, 2"))
        #expect(try hub.failures()["declarative:swapped"]
                == "\(hub.metrics)/swapped.yaml: numerator_sql: row 1, la_code: 2025 is not an LA code of the register (3 digits, e.g. 800)")
        #expect(try IndicatorTable(database: hub.store.database).values().isEmpty)
    }

    /// Deleting a metric file removes its values and its definition; the run says so.
    @Test func aDeletedMetricFilesValuesLeaveTheStore() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        try hub.metric("persons.yaml", DeclarativeMetricsTests.yaml(id: "persons", numerator: Self.persons))
        try hub.metric("kept.yaml", DeclarativeMetricsTests.yaml(id: "kept", numerator: Self.persons))
        #expect(try hub.run().map(\.removed) == [false, false])
        let table = IndicatorTable(database: hub.store.database)
        #expect(try table.values().map(\.indicatorID) == ["kept", "persons"])

        try FileManager.default.removeItem(atPath: (hub.metrics as NSString).appendingPathComponent("persons.yaml"))
        let runs = try hub.run()
        #expect(runs.map(\.providerID) == ["declarative:kept", "declarative:persons"])
        #expect(runs.map(\.removed) == [false, true])
        #expect(try table.values().map(\.indicatorID) == ["kept"])
        #expect(try table.providers() == ["kept": "declarative:kept"])
    }
}
