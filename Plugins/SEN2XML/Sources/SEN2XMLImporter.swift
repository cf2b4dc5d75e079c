import HubKit

/// Reads SEN2 person-level XML returns (collection years 2023-2026) into normalised records.
///
/// The file is streamed with a byte-level pull reader, so its size does not matter. Elements are
/// matched by name (their order differs between years); year differences such as 2023
/// `GenderCurrent` versus 2024+ `Sex`, or `Res`/`WBP` under `ActivePlans` (2023) versus on each
/// `PlacementDetail` (2024+), are folded into the one record shape. Values are carried through as
/// written; checking them is validation's job.
package final class SEN2XMLImporter: Importer {
    /// The plugin's and the importer's version.
    package static let version = "1.0.0"

    package init() {}

    package var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "sen2-xml", version: Self.version,
                            summary: "SEN2 person-level XML return, collection years 2023-2026 (.xml, .xml.gz)")
    }

    package var produces: DatasetKind { .sen2Return }

    /// 100 when the one file of `source` is a SEN2 message (root `Message`, `Collection` SEN2), 60
    /// when the head shows a `Message` with `Persons` but ends before `Collection`, otherwise nil.
    package func detect(_ source: ImportSource) -> Int? {
        guard source.files.count == 1, let file = source.files.first else { return nil }
        return SEN2Detection.score(head: file.head)
    }

    /// Streams the file into `sink`: `beginReturn` with the header, then one `person` per
    /// `<Person>`. Throws ``InputRejected`` when the file is not well-formed XML or not a SEN2 message.
    package func read(_ source: ImportSource, into sink: any RecordSink) throws {
        guard source.files.count == 1, let file = source.files.first else {
            throw InputRejected(file: source.name,
                                message: "a SEN2 XML return is one file; got \(source.files.count)")
        }
        var parser = SEN2ReturnParser(stream: try file.open(), fileName: file.name)
        try parser.read(into: sink)
    }
}
