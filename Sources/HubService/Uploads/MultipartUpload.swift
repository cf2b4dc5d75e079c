import Foundation
import Hummingbird
import NIOCore

/// Reads a `multipart/form-data` body as it arrives: small fields into memory, the file part
/// straight to a file on disk, so an upload of any size never sits in memory
/// (docs/service.md, "Uploads").
struct MultipartUpload {
    /// `\r\n--BOUNDARY`: what ends every part.
    let delimiter: [UInt8]

    /// The boundary of a `multipart/form-data; boundary=...` content type; nil for any other type.
    init?(contentType: String) {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data",
              let boundaryPart = parts.first(where: { $0.lowercased().hasPrefix("boundary=") }) else { return nil }
        var boundary = String(boundaryPart.dropFirst("boundary=".count))
        if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 { boundary = String(boundary.dropFirst().dropLast()) }
        guard (1...70).contains(boundary.utf8.count) else { return nil }
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// What the body held: the fields before the file (name to value) and the file's name as sent.
    struct Received {
        var fields: [String: String] = [:]
        var fileName: String?
        var bytes = 0
    }

    enum Failure: Error, Equatable {
        case malformed(String)
        case tooLarge(limit: Int)
        case noFile
        case fieldMissing(String)
    }

    /// Streams `body`: fields (up to 8 KB each) are passed to `field` as they complete, so a missing or
    /// wrong CSRF token stops the upload before the file is read; the part named `fileField` is
    /// written to `destination`, at most `limit` bytes. Parts after the file are read and ignored.
    /// `requiredBeforeFile` names the fields that must come first (the CSRF token); `pace` refuses
    /// a body that arrives too slowly.
    func receive<Body: AsyncSequence>(_ body: Body, fileField: String, destination: String, limit: Int,
                                      requiredBeforeFile: [String] = [], pace: UploadPace = UploadPace(),
                                      field: (String, String) throws -> Void) async throws -> Received
        where Body.Element == ByteBuffer {
        var state = PartState.preamble
        var received = Received()
        var pending: [UInt8] = []
        var fieldBytes: [UInt8] = []
        var file: FileHandle?
        defer { try? file?.close() }
        // The body starts with `--BOUNDARY` (no CR LF before it): match it as if one were there.
        pending = [13, 10]

        func write(_ bytes: ArraySlice<UInt8>) throws {
            guard !bytes.isEmpty else { return }
            switch state {
            case .fieldBody:
                fieldBytes += bytes
                if fieldBytes.count > 8192 { throw Failure.malformed("a form field is longer than 8 KB") }
            case .fileBody:
                received.bytes += bytes.count
                if received.bytes > limit { throw Failure.tooLarge(limit: limit) }
                file?.write(Data(bytes))
            default:
                break
            }
        }

        let pace = pace
        var arrived = 0
        for try await buffer in body {
            arrived += buffer.readableBytes
            try pace.check(arrived: arrived)
            pending += buffer.readableBytesView
            var index = 0
            parsing: while true {
                switch state {
                case .done:
                    index = pending.count
                    break parsing
                case .preamble, .fieldBody, .fileBody, .ignoredBody:
                    if let found = Self.find(delimiter, in: pending, from: index) {
                        // A delimiter needs the two bytes after it: `--` (the end) or CR LF (another part).
                        guard found + delimiter.count + 2 <= pending.count else {
                            try write(pending[index..<found])
                            index = found
                            break parsing
                        }
                        try write(pending[index..<found])
                        try finishPart(state: state, received: &received, fieldBytes: &fieldBytes, file: &file, field: field)
                        let after = found + delimiter.count
                        if pending[after] == 45, pending[after + 1] == 45 {
                            state = .done
                        } else if pending[after] == 13, pending[after + 1] == 10 {
                            state = .headers
                        } else {
                            throw Failure.malformed("a part boundary is followed by neither CR LF nor --")
                        }
                        index = after + 2
                    } else {
                        // Keep what could be the start of a delimiter split across buffers.
                        let keep = max(index, pending.count - (delimiter.count - 1))
                        if case .preamble = state {} else { try write(pending[index..<keep]) }
                        index = keep
                        break parsing
                    }
                case .headers:
                    guard let end = Self.find([13, 10, 13, 10], in: pending, from: index) else {
                        if pending.count - index > 8192 { throw Failure.malformed("a part's headers are longer than 8 KB") }
                        break parsing
                    }
                    let headers = String(decoding: pending[index..<end], as: UTF8.self)
                    index = end + 4
                    let (name, fileName) = Self.disposition(headers)
                    if let name, name == fileField {
                        if let missing = requiredBeforeFile.first(where: { received.fields[$0] == nil }) {
                            throw Failure.fieldMissing(missing)
                        }
                        received.fileName = fileName ?? ""
                        _ = FileManager.default.createFile(atPath: destination, contents: nil)
                        guard let handle = FileHandle(forWritingAtPath: destination) else {
                            throw Failure.malformed("the upload could not be written to disk")
                        }
                        file = handle
                        state = .fileBody
                    } else if let name, fileName == nil, received.fileName == nil {
                        fieldBytes = []
                        state = .fieldBody(name)
                    } else {
                        state = .ignoredBody
                    }
                }
            }
            pending.removeFirst(index)
        }
        guard case .done = state else { throw Failure.malformed("the body ended before its closing boundary") }
        guard received.fileName != nil else { throw Failure.noFile }
        return received
    }

    private func finishPart(state: PartState, received: inout Received, fieldBytes: inout [UInt8], file: inout FileHandle?,
                            field: (String, String) throws -> Void) throws {
        switch state {
        case .fieldBody(let name):
            let value = String(decoding: fieldBytes, as: UTF8.self)
            received.fields[name] = value
            try field(name, value)
        case .fileBody:
            try file?.close()
            file = nil
        default:
            break
        }
    }

    /// Where the reader is: before the first part, in a part's headers, in a field, the file, a part
    /// it ignores, or after the closing boundary.
    private enum PartState { case preamble, headers, fieldBody(String), fileBody, ignoredBody, done }

    /// The first index of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count - start, let first = needle.first else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    /// `name` and `filename` of a part's Content-Disposition header.
    static func disposition(_ headers: String) -> (name: String?, fileName: String?) {
        for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            var name: String?, fileName: String?
            for parameter in line.split(separator: ";").dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                var value = pair[1]
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                switch pair[0].lowercased() {
                case "name": name = value
                case "filename": fileName = value
                default: break
                }
            }
            return (name, fileName)
        }
        return (nil, nil)
    }
}

/// The name an uploaded file is kept and shown under: the last component of what the browser sent,
/// letters, digits and `.-_ ()` only, never a path (`../../etc/passwd` becomes `passwd`).
enum UploadName {
    static func clean(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let allowed = last.unicodeScalars.filter {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-_ ()".unicodeScalars.contains($0))
        }
        var name = String(String.UnicodeScalarView(allowed)).trimmingCharacters(in: .whitespaces)
        while name.hasPrefix(".") { name.removeFirst() }
        name = String(name.prefix(100))
        return name.isEmpty ? "upload" : name
    }
}
