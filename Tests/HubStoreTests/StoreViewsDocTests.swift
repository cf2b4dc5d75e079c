import Foundation
import HubStore
import HubTestSupport
import Testing

/// docs/store-views.md lists every view and table a metric reads with its columns, so a metric
/// author never reads the Swift: these tests hold the page to a new store's schema.
@Suite struct StoreViewsDocTests {
    /// The page's columns of each view (`### \`name\`` then `Columns: \`a\`, \`b\``) and table
    /// (a row `| \`name\` | key | \`a\`, \`b\` | what |`), in the page's order.
    static func documentedColumns() throws -> [String: [String]] {
        let page = try String(contentsOfFile: packageRoot + "/docs/store-views.md", encoding: .utf8)
        var columns: [String: [String]] = [:]
        var heading: String?
        for line in page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("### `") {
                heading = line.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: "` "))
            } else if line.hasPrefix("Columns: "), let name = heading {
                columns[name] = names(in: String(line.dropFirst("Columns: ".count)))
                heading = nil
            } else if line.hasPrefix("| `") {
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count >= 3 else { continue }
                columns[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = names(in: cells[2])
            }
        }
        return columns
    }

    static func names(in text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "` ")) }
    }

    @Test func everyViewAndTableIsListedWithItsColumnsInOrder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Store(path: folder.file("hub.sqlite"))
        let documented = try Self.documentedColumns()
        let views = try store.database.rows("SELECT name FROM sqlite_master WHERE type = 'view' AND name LIKE 'current_%' ORDER BY name")
            .compactMap { $0[0].string }
        #expect(views.count >= 9)
        let tables = ["establishments", "placement_costs", "local_authorities", "census_dates", "indicator_values"]
        for name in views + tables {
            let actual = try store.database.rows("SELECT name FROM pragma_table_info('\(name)') ORDER BY cid").compactMap { $0[0].string }
            #expect(!actual.isEmpty, "\(name) is not in the store")
            #expect(documented[name] == actual, "docs/store-views.md lists \(name) with other columns than the store has")
        }
    }

    @Test func thePageNamesNothingTheStoreLacks() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Store(path: folder.file("hub.sqlite"))
        for name in try Self.documentedColumns().keys.sorted() {
            let count = try store.database.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = ?", [.text(name)])?.int
            #expect(count == 1, "docs/store-views.md lists \(name), which the store does not have")
        }
    }
}
