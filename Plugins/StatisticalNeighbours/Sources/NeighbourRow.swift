import HubKit

/// One row of the long layout turned into a ``NeighbourRecord``, with the checks a single row allows.
struct NeighbourRow {
    let header: NeighbourListHeader
    let edition: String
    let fileName: String

    /// The record of `fields`, found on `line`; throws naming the line and column of the first bad value.
    func record(_ fields: [String], line: Int) throws -> NeighbourRecord {
        guard fields.count == header.names.count else {
            throw InputRejected(file: fileName, line: line,
                                message: "this row has \(fields.count) fields, the header has \(header.names.count): "
                                    + "a value with a comma needs quotes")
        }
        let laCode = try code(fields, "la_code", line: line)
        let neighbour = try code(fields, "sn_la_code", line: line)
        let rankText = value(fields, "sn_rank")
        guard rankText.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let rank = Int(rankText), (1...10).contains(rank) else {
            throw rejection(line: line, column: "sn_rank", "sn_rank '\(rankText)' is not a rank from 1 to 10")
        }
        guard neighbour != laCode else {
            throw rejection(line: line, column: "sn_la_code", "LA \(laCode) lists itself as its neighbour of rank \(rank)")
        }
        let closeness = header.position(of: NeighbourListHeader.closenessColumn).map { CSVText.trimmed(fields[$0]) }
        return NeighbourRecord(edition: edition, laCode: laCode, rank: rank, neighbourLACode: neighbour,
                               closeness: closeness?.isEmpty == false ? closeness : nil)
    }

    /// An error at `column` of `line`.
    func rejection(line: Int, column: String, _ message: String) -> InputRejected {
        InputRejected(file: fileName, line: line, column: header.position(of: column).map { $0 + 1 }, message: message)
    }

    private func value(_ fields: [String], _ column: String) -> String {
        header.position(of: column).map { CSVText.trimmed(fields[$0]) } ?? ""
    }

    /// A 3-digit DfE LA number.
    private func code(_ fields: [String], _ column: String, line: Int) throws -> String {
        let text = value(fields, column)
        guard text.utf8.count == 3, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw rejection(line: line, column: column, "\(column) '\(text)' is not a 3-digit DfE LA code (e.g. 301)")
        }
        return text
    }
}
