import HubKit

/// One `<Person>` as the return writer wrote it, one element per line, to be edited on purpose
/// (`--with-errors`). Lines are found by their element name; a line is either a leaf
/// (`<Sex>M</Sex>`), an opening tag or a closing tag.
struct PersonXML {
    private(set) var lines: [String]

    init(bytes: [UInt8]) {
        lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        if lines.last == "" { lines.removeLast() }
    }

    var bytes: [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }

    /// True when some line opens or is the element `name`.
    func has(_ name: String) -> Bool { line(name) != nil }

    /// The first line at or after `from` (before `end`) that opens or is the element `name`.
    func line(_ name: String, from: Int = 0, end: Int? = nil) -> Int? {
        let open = "<\(name)>"
        let stop = end ?? lines.count
        guard from < stop else { return nil }
        return (from..<stop).first { lines[$0].drop { $0 == "\t" }.hasPrefix(open) }
    }

    /// Every line that opens element `name` (blocks such as `PlacementDetail`).
    func lines(_ name: String) -> [Int] {
        let open = "<\(name)>"
        return lines.indices.filter { lines[$0].drop { $0 == "\t" }.hasPrefix(open) }
    }

    /// The text of the leaf at `line`.
    func value(at line: Int) -> String {
        let text = lines[line]
        guard let start = text.firstIndex(of: ">"), let end = text.range(of: "</")?.lowerBound, start < end else { return "" }
        return String(text[text.index(after: start)..<end])
    }

    /// The text of the first leaf `name`, if any.
    func value(_ name: String) -> String? { line(name).map(value(at:)) }

    /// The date of the first leaf `name`, if any.
    func day(_ name: String) -> Day? {
        value(name).flatMap { Day(iso: $0) }
    }

    /// The line that closes the block opened at `line` (the same line for a leaf).
    func blockEnd(_ line: Int) -> Int {
        let text = lines[line]
        guard !text.contains("</") else { return line }
        let indent = text.prefix { $0 == "\t" }
        return (line + 1..<lines.count).first { lines[$0].hasPrefix(indent + "</") } ?? line
    }

    mutating func setValue(at line: Int, _ value: String) {
        let text = lines[line]
        let indent = String(text.prefix { $0 == "\t" })
        let name = text.dropFirst(indent.count + 1).prefix { $0 != ">" }
        lines[line] = "\(indent)<\(name)>\(value)</\(name)>"
    }

    /// Sets the first leaf `name`; false when there is none.
    @discardableResult
    mutating func setValue(_ name: String, _ value: String) -> Bool {
        guard let line = line(name) else { return false }
        setValue(at: line, value)
        return true
    }

    mutating func setDay(_ name: String, _ day: Day) {
        setValue(name, day.iso)
    }

    /// Removes the element (leaf or block) at `line`.
    mutating func remove(at line: Int) {
        lines.removeSubrange(line...blockEnd(line))
    }

    /// Removes the first element `name`; false when there is none.
    @discardableResult
    mutating func remove(_ name: String) -> Bool {
        guard let line = line(name) else { return false }
        remove(at: line)
        return true
    }

    /// Replaces the element at `line` by a leaf `name` with `value`, indented the same.
    mutating func replace(at line: Int, with name: String, _ value: String) {
        let indent = String(lines[line].prefix { $0 == "\t" })
        lines.removeSubrange(line...blockEnd(line))
        lines.insert("\(indent)<\(name)>\(value)</\(name)>", at: line)
    }

    /// Inserts a leaf after the element at `line` (a sibling of it).
    mutating func insert(_ name: String, _ value: String, after line: Int) {
        let indent = String(lines[line].prefix { $0 == "\t" })
        lines.insert("\(indent)<\(name)>\(value)</\(name)>", at: blockEnd(line) + 1)
    }

    /// Inserts a leaf as the first child of the block opened at `line`.
    mutating func insert(_ name: String, _ value: String, into line: Int) {
        let indent = String(lines[line].prefix { $0 == "\t" }) + "\t"
        lines.insert("\(indent)<\(name)>\(value)</\(name)>", at: line + 1)
    }

    /// The lines of the element at `line`, as they are.
    func block(_ line: Int) -> [String] { Array(lines[line...blockEnd(line)]) }

    /// Inserts `block` (lines of an element) after the element at `line`.
    mutating func insert(block: [String], after line: Int) {
        lines.insert(contentsOf: block, at: blockEnd(line) + 1)
    }
}
