import Foundation
import InputFiles

/// The published DfE tables bundled in `Datasets/published/` (written by
/// `scripts/derive_published_tables.py`; docs/national-context.md): tidy EES files that
/// `hnhub init` imports with the `ees-table` importer, so England, regions and every LA have
/// published figures from the first run.
package enum PublishedExtracts {
    /// The subfolder of `Datasets/`.
    package static let folder = "published"
    /// The importer that reads them.
    package static let importerID = "ees-table"

    /// The extracts in `datasets`, by name; empty when the folder is absent.
    package static func files(in datasets: String) throws -> [String] {
        let path = (datasets as NSString).appendingPathComponent(folder)
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try InputOpener.files(in: path).filter { $0.hasSuffix(".csv") }.sorted()
    }
}
