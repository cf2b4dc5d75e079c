import Foundation
import HubKit
import HubStore
import InputFiles
import Validation

/// The reference an LA's own team finds a child by: the identifier the LA sent (UPN, else ULN, else
/// initials and birth date). SEN2 has no child id of the LA's own, so this and the person's
/// position in the file are what a findings report gives. It exists in memory while a return is
/// read and in that LA's findings report file, never in the store (docs/governance.md, "Findings
/// reports").
enum LAReference {
    static func of(_ person: PersonRecord) -> String {
        let ids = person.identifiers
        if let upn = present(ids.upn) { return "UPN \(upn)" }
        if let uln = present(ids.uniqueLearnerNumber) { return "ULN \(uln)" }
        let initials = [ids.forename, ids.surname].compactMap { present($0)?.first.map { "\($0)." } }.joined()
        let born = person.birthDate.map { "born \($0.iso)" }
        let parts = [initials.isEmpty ? nil : "initials \(initials)", born].compactMap { $0 }
        return parts.joined(separator: ", ")
    }

    private static func present(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// One SEN2 return's findings report for its LA: every error and warning with the person's
/// position and the LA's own reference, as CSV and as an HTML page (docs/governance.md). Rows are
/// streamed to files only their owner can read, in a folder of the LA's own, while the return is
/// read; ``publish(importID:censusDate:database:writtenAt:)`` names them after the import and
/// records them in `output_files`, in the import's transaction. A return that is not stored leaves
/// no report.
final class FindingsReportWriter {
    static let csvHeader = "severity,rule_id,person,line,file,element,value,la_reference,message"

    let folder: String
    let laCode: String
    let collectionYear: Int
    let sourceName: String
    private let pendingCSV: String
    private let pendingBody: String
    private var csv: BufferedFile?
    private var body: BufferedFile?
    private var tallies: [String: (severity: Severity, count: Int)] = [:]
    private(set) var published: [String] = []

    /// Starts a report in `root/<LA>/` (made if need be, readable by its owner only).
    init(root: String, laCode: String, collectionYear: Int, sourceName: String) throws {
        folder = (root as NSString).appendingPathComponent(laCode)
        self.laCode = laCode
        self.collectionYear = collectionYear
        self.sourceName = sourceName
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let token = UUID().uuidString
        pendingCSV = (folder as NSString).appendingPathComponent(".pending-\(token).csv")
        pendingBody = (folder as NSString).appendingPathComponent(".pending-\(token).html")
        csv = try BufferedFile(path: pendingCSV)
        body = try BufferedFile(path: pendingBody)
        csv?.write(Self.csvHeader + "\n")
    }

    /// The files of the report of an import.
    static func paths(root: String, laCode: String, collectionYear: Int, importID: Int64) -> (csv: String, html: String) {
        let base = ((root as NSString).appendingPathComponent(laCode) as NSString)
            .appendingPathComponent("findings-\(laCode)-\(collectionYear)-import\(importID)")
        return (base + ".csv", base + ".html")
    }

    /// Adds one finding (its value already masked) with the LA's reference of its person.
    func add(_ issue: ImportIssue, reference: String?) {
        tallies[issue.ruleID, default: (issue.severity, 0)].count += 1
        let location = issue.location
        let fields = [issue.severity.rawValue, issue.ruleID, location.map { String($0.index) } ?? "",
                      location?.line.map(String.init) ?? "", location?.file.map(Self.baseName) ?? "", issue.path ?? "",
                      issue.value ?? "", reference ?? "", issue.message]
        csv?.write(fields.map(Self.csvField).joined(separator: ",") + "\n")
        body?.write("<tr class=\"\(issue.severity.rawValue)\">" + fields.enumerated().map { index, text in
            "<td\([2, 3].contains(index) ? " class=\"num\"" : "")>\(Self.escape(text))</td>"
        }.joined() + "</tr>\n")
    }

    /// Flushes and closes the pending files (on the thread that added the rows).
    func close() throws {
        try csv?.close()
        try body?.close()
        csv = nil
        body = nil
    }

    /// Names the report after its import, writes the HTML page around the rows and records both
    /// files in `output_files`. Returns their paths.
    @discardableResult
    func publish(importID: Int64, censusDate: String?, database: Database, writtenAt: String) throws -> [String] {
        try close()
        let root = (folder as NSString).deletingLastPathComponent
        let (csvPath, htmlPath) = Self.paths(root: root, laCode: laCode, collectionYear: collectionYear, importID: importID)
        for path in [csvPath, htmlPath] where FileManager.default.fileExists(atPath: path) {
            try FileManager.default.removeItem(atPath: path)
        }
        try FileManager.default.moveItem(atPath: pendingCSV, toPath: csvPath)
        published.append(csvPath)
        let html = try BufferedFile(path: htmlPath)
        published.append(htmlPath)
        html.write(head(importID: importID, censusDate: censusDate, writtenAt: writtenAt))
        let rows = try FileByteStream(path: pendingBody)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try rows.read(into: $0) }
            if n == 0 { break }
            html.write(bytes: buffer[0..<n])
        }
        html.write("</tbody></table></div></main></body></html>\n")
        try html.close()
        try? FileManager.default.removeItem(atPath: pendingBody)
        let register = OutputRegister(database: database)
        for path in [csvPath, htmlPath] {
            try register.record(OutputFile(path: Self.absolute(path), kind: "findings-report", importID: importID,
                                           laCode: laCode, sha256: try fileChecksum(path: path).sha256, writtenAt: writtenAt))
        }
        return [csvPath, htmlPath]
    }

    /// Removes whatever the report has written (the import was not stored).
    func discard() {
        try? csv?.close()
        try? body?.close()
        csv = nil
        body = nil
        for path in [pendingCSV, pendingBody] + published { try? FileManager.default.removeItem(atPath: path) }
        published = []
    }

    private func head(importID: Int64, censusDate: String?, writtenAt: String) -> String {
        let errors = tallies.values.filter { $0.severity == .error }.reduce(0) { $0 + $1.count }
        let warnings = tallies.values.filter { $0.severity == .warning }.reduce(0) { $0 + $1.count }
        let title = "Findings: LA \(laCode), \(collectionYear) SEN2 return (import #\(importID))"
        var html = "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>\(Self.escape(title))</title>"
        html += "<style>body{font-family:system-ui,sans-serif;margin:1.5rem;color:#111}table{border-collapse:collapse;font-size:.85rem}"
            + "th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:left;vertical-align:top}.num{text-align:right}"
            + "tr.error td:first-child{font-weight:bold}.private{border:2px solid #111;padding:.5rem}</style></head><body><main>"
        html += "<h1>\(Self.escape(title))</h1>"
        html += "<p class=\"private\"><strong>For LA \(laCode) only.</strong> This report gives each finding with the LA's own "
            + "reference for the child (the UPN, ULN or initials and birth date it sent) so that its case-management team can "
            + "correct the record at source. Do not send it outside the authority. The hub keeps none of these references: they "
            + "exist only in this file and its CSV twin.</p>"
        html += "<p>File \(Self.escape(Self.baseName(sourceName))); census date \(Self.escape(censusDate ?? "?")); "
            + "written \(Self.escape(writtenAt)). \(errors) errors and \(warnings) warnings. A person with an error is "
            + "quarantined: left out of every figure until the record is corrected and the return sent again. A warning "
            + "keeps the record.</p>"
        html += "<h2>By rule</h2>"
        if tallies.isEmpty {
            html += "<p>No findings: every person passed every rule.</p>"
        } else {
            html += "<table><thead><tr><th>Rule</th><th>Severity</th><th class=\"num\">Findings</th><th>What it checks</th></tr></thead><tbody>"
            for (rule, tally) in tallies.sorted(by: { ($0.value.severity, $0.key) < ($1.value.severity, $1.key) }) {
                html += "<tr><td>\(Self.escape(rule))</td><td>\(tally.severity.rawValue)</td><td class=\"num\">\(tally.count)</td>"
                    + "<td>\(Self.escape(ValidationRule.rule(id: rule)?.summary ?? ""))</td></tr>"
            }
            html += "</tbody></table>"
        }
        html += "<h2>Every finding</h2><div><table><thead><tr>"
            + ["Severity", "Rule", "Person", "Line", "File", "Element", "Value", "LA reference", "Message"]
                .map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>\n"
        return html
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    static func baseName(_ path: String) -> String { (path as NSString).lastPathComponent }

    static func absolute(_ path: String) -> String {
        (path as NSString).isAbsolutePath ? path
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }
}

extension ImportRunner {
    /// The CSV and HTML files of an import's findings report under `root`.
    package static func findingsReportPaths(root: String, laCode: String, collectionYear: Int, importID: Int64)
        -> (csv: String, html: String) {
        FindingsReportWriter.paths(root: root, laCode: laCode, collectionYear: collectionYear, importID: importID)
    }
}

/// A file written through a buffer, created readable by its owner only.
final class BufferedFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw InputRejected(file: path, message: "cannot write the findings report here")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ text: String) { write(bytes: Array(text.utf8)[...]) }

    func write(bytes: ArraySlice<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }
}
