import Foundation
import HubKit
import InputFiles
import PluginHost

/// What an uploaded file turned out to be, found from its content before it is queued: which
/// importer reads it and, for a SEN2 return, the LA and year its header names (so an analyst cannot
/// load another LA's return).
struct UploadInspection: Sendable {
    var importerID: String
    var isReturn: Bool
    var laCode: String?
    var collectionYear: Int?

    /// Reads as little of the file as it takes: detection looks at its first bytes, the header
    /// probe stops at the return's header.
    static func inspect(path: String, shownName: String, catalog: PluginCatalog, opener: InputOpener) throws -> UploadInspection {
        let source: ImportSource
        do {
            var opened = try opener.source(path: path)
            opened.name = shownName
            source = opened
        } catch {
            throw ServiceError.unsupported("\(shownName): \(Self.withoutFolders(String(describing: error), path: path))")
        }
        let importer: any Importer
        switch catalog.detectImporter(for: source) {
        case .found(let found): importer = found
        case .ambiguous(let ids):
            throw ServiceError.unsupported("\(shownName): more than one importer claims it (\(ids.joined(separator: ", "))); ask the hub's admin")
        case .none:
            let tried = catalog.importers.map(\.component.descriptor.id).sorted().joined(separator: ", ")
            throw ServiceError.unsupported("\(shownName) is not a SEN2 return or another data set the hub imports (it reads: \(tried)). Upload the XML return as exported (.xml or .xml.gz).")
        }
        guard importer.produces == .sen2Return else {
            return UploadInspection(importerID: importer.descriptor.id, isReturn: false)
        }
        let probe = ReturnHeaderProbe()
        do {
            try importer.read(source, into: probe)
        } catch is ReturnHeaderProbe.HeaderRead {
        } catch let rejected as InputRejected {
            throw ServiceError(.unprocessableContent, "The return cannot be read",
                               "\(shownName): " + Self.withoutFolders(rejected.description.replacingOccurrences(of: path, with: shownName), path: path) + ". Nothing was stored.")
        } catch {
            throw ServiceError(.unprocessableContent, "The return cannot be read", "\(shownName): \(Self.withoutFolders(String(describing: error), path: path)). Nothing was stored.")
        }
        guard let header = probe.header else {
            throw ServiceError(.unprocessableContent, "The return cannot be read", "\(shownName): no return header (LEA, Year) was found. Nothing was stored.")
        }
        return UploadInspection(importerID: importer.descriptor.id, isReturn: true, laCode: header.laCode,
                                collectionYear: header.collectionYear)
    }

    /// Messages never show where the service keeps its files.
    static func withoutFolders(_ message: String, path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return message.replacingOccurrences(of: folder + "/", with: "")
    }
}

/// A sink that keeps a return's header and stops the importer there.
final class ReturnHeaderProbe: RecordSink {
    struct HeaderRead: Error {}
    private(set) var header: ReturnHeader?

    func beginReturn(_ header: ReturnHeader) throws {
        self.header = header
        throw HeaderRead()
    }

    func person(_ person: PersonRecord) throws { throw HeaderRead() }
    func issue(_ issue: ImportIssue) throws {}
}
