import Foundation
import HubKit
import Yams

extension MappingDefinition {
    /// Reads a mapping file; every mistake names the file, the line and the key.
    package static func load(path: String) throws -> MappingDefinition {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MappingFileError(file: path, line: nil, key: "-", message: "cannot read the mapping file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw MappingFileError(file: path, line: nil, key: "-", message: "the mapping file is not UTF-8 text")
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses mapping YAML. Unknown keys are errors, so a typo never silently maps nothing.
    package static func parse(yaml: String, file: String) throws -> MappingDefinition {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw MappingFileError(file: file, line: nil, key: "-", message: "the mapping file is empty")
            }
            root = node
        } catch let error as YamlError {
            throw MappingFileParser.syntaxError(error, file: file)
        }
        var parser = MappingFileParser(file: file)
        return try parser.definition(root)
    }
}

/// Walks a mapping file's YAML tree, keeping the line of every key.
struct MappingFileParser {
    let file: String
    var lines: [String: Int] = [:]

    init(file: String) { self.file = file }

    static func syntaxError(_ error: YamlError, file: String) -> MappingFileError {
        var line: Int?
        var problem = "\(error)"
        switch error {
        case let .scanner(_, text, mark, _), let .parser(_, text, mark, _), let .composer(_, text, mark, _):
            line = mark.line
            problem = text
        default: break
        }
        return MappingFileError(file: file, line: line, key: "-", message: "not valid YAML: \(problem)")
    }

    func fail(_ node: Node?, _ key: String, _ message: String) -> MappingFileError {
        MappingFileError(file: file, line: node?.mark?.line, key: key, message: message)
    }

    /// The pairs of a mapping node, every key checked against `allowed` (nil allows any text key).
    mutating func pairs(_ node: Node, _ key: String, allowed: [String]?) throws -> [(name: String, path: String, value: Node)] {
        guard let mapping = node.mapping else { throw fail(node, key, "expected keys with values (a mapping)") }
        var result: [(String, String, Node)] = []
        for (k, v) in mapping {
            guard let name = k.scalar?.string else { throw fail(k, key, "keys must be text") }
            let path = key.isEmpty ? name : "\(key).\(name)"
            if let allowed, !allowed.contains(name) {
                throw fail(k, path, "unknown key (allowed here: \(allowed.joined(separator: ", ")))")
            }
            lines[path] = k.mark?.line
            result.append((name, path, v))
        }
        return result
    }

    func text(_ node: Node, _ key: String) throws -> String {
        guard let scalar = node.scalar, node.tag.rawValue != Tag.Name.null.rawValue else { throw fail(node, key, "expected a value") }
        return scalar.string
    }

    func texts(_ node: Node, _ key: String) throws -> [String] {
        if node.scalar != nil { return [try text(node, key)] }
        guard let sequence = node.sequence else { throw fail(node, key, "expected a value or a list of values") }
        return try sequence.map { try text($0, key) }
    }

    // MARK: - The file

    static let topKeys = ["id", "version", "summary", "file", "return", "person_key", "request_key", "dates", "codes", "fields"]

    mutating func definition(_ root: Node) throws -> MappingDefinition {
        var id: String?, version = "1.0.0", summary: String?, personKey: String?, requestKey: String?
        var requestKeyNode: Node?
        var layout = FileLayout()
        var constants: (la: String?, census: Day?, year: Int?) = (nil, nil, nil)
        var dateFormats: [DateFormat] = []
        var codeTables: [String: CodeTable] = [:]
        var fieldsNode: (Node, String)?
        for (name, path, value) in try pairs(root, "", allowed: Self.topKeys) {
            switch name {
            case "id":
                let given = try text(value, path)
                guard !given.isEmpty, given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                    throw fail(value, path, "'\(given)' is not an id: use letters, digits, - and _")
                }
                id = given
            case "version": version = try text(value, path)
            case "summary": summary = try text(value, path)
            case "person_key": personKey = try text(value, path)
            case "request_key":
                requestKey = try text(value, path)
                requestKeyNode = value
            case "file": layout = try self.layout(value, path)
            case "return":
                for (k, kpath, v) in try pairs(value, path, allowed: ["la_code", "census_date", "collection_year"]) {
                    let given = try text(v, kpath)
                    switch k {
                    case "la_code":
                        guard given.count == 3, given.allSatisfy(\.isNumber) else {
                            throw fail(v, kpath, "'\(given)' is not a 3-digit DfE LA number (quote it: \"800\")")
                        }
                        constants.la = given
                    case "census_date":
                        guard let day = Day(iso: given) else { throw fail(v, kpath, "'\(given)' is not a date YYYY-MM-DD") }
                        constants.census = day
                    default:
                        guard let year = Int(given), (2000...2100).contains(year) else {
                            throw fail(v, kpath, "'\(given)' is not a collection year such as 2025")
                        }
                        constants.year = year
                    }
                }
            case "dates": dateFormats = try formats(value, path)
            case "codes":
                for (table, tpath, entries) in try pairs(value, path, allowed: nil) {
                    codeTables[table] = try codeTable(table, entries, tpath)
                }
            default: fieldsNode = (value, path)
            }
        }
        guard let id else { throw fail(root, "id", "the mapping needs an id (letters, digits, - and _)") }
        guard let la = constants.la else { throw fail(root, "return.la_code", "the mapping needs the LA the export is from (return: la_code: \"800\")") }
        guard let census = constants.census else {
            throw fail(root, "return.census_date", "the mapping needs the census date of the return (return: census_date: 2025-01-16)")
        }
        guard let (node, path) = fieldsNode else { throw fail(root, "fields", "the mapping maps no fields") }
        var fields: [FieldMapping] = []
        for (section, spath, value) in try pairs(node, path, allowed: Self.sections) {
            fields += try self.section(section, value, spath, codeTables: codeTables)
        }
        if let personKey, personKey.isEmpty { throw fail(root, "person_key", "the person key must name a column") }
        if let requestKey {
            guard !requestKey.isEmpty else { throw fail(requestKeyNode, "request_key", "the request key must name a column") }
            guard personKey != nil else {
                throw fail(requestKeyNode, "request_key", "a request key groups the rows of one person: give person_key too")
            }
        }
        guard fields.contains(where: { $0.column != nil }) else { throw fail(node, path, "no field is read from a column") }
        return MappingDefinition(file: file, id: id, version: version,
                                 summary: summary ?? "SEN2 records mapped from a CSV/XLSX export (\(id))",
                                 layout: layout, constants: ReturnConstants(laCode: la, censusDate: census,
                                                                            collectionYear: constants.year ?? census.year),
                                 personKey: personKey, requestKey: requestKey, dateFormats: dateFormats, codeTables: codeTables, fields: fields,
                                 lines: lines)
    }

    mutating func layout(_ node: Node, _ key: String) throws -> FileLayout {
        var layout = FileLayout()
        for (name, path, value) in try pairs(node, key, allowed: ["headers", "sheet", "header_row", "delimiter", "encoding"]) {
            switch name {
            case "headers": layout.requiredHeaders = try texts(value, path)
            case "sheet": layout.sheet = try text(value, path)
            case "header_row":
                guard let row = Int(try text(value, path)), row >= 1 else { throw fail(value, path, "expected a row number, 1 or more") }
                layout.headerRow = row
            case "delimiter":
                let given = try text(value, path)
                let delimiter = given == "\\t" || given == "tab" ? "\t" : given
                guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first, byte != UInt8(ascii: "\"") else {
                    throw fail(value, path, "expected one character such as \",\" \";\" \"|\" or tab")
                }
                layout.delimiter = byte
            default:
                switch try text(value, path).lowercased() {
                case "utf-8", "utf8": layout.encoding = .utf8
                case "windows-1252", "cp1252", "latin1": layout.encoding = .windows1252
                case "auto": layout.encoding = nil
                case let other: throw fail(value, path, "'\(other)' is not an encoding (utf-8, windows-1252 or auto)")
                }
            }
        }
        return layout
    }

    func formats(_ node: Node, _ key: String) throws -> [DateFormat] {
        try texts(node, key).map { pattern in
            guard let format = DateFormat(pattern) else {
                throw fail(node, key, "'\(pattern)' is not a date format (use d, dd, m, mm, mmm, yy, yyyy, e.g. dd/mm/yyyy)")
            }
            return format
        }
    }

    mutating func codeTable(_ name: String, _ node: Node, _ key: String) throws -> CodeTable {
        var translations: [String: String?] = [:]
        guard node.mapping != nil else {
            throw fail(node, key, "expected the export's values with their SEN2 codes, e.g. Autism: ASD")
        }
        for (keyNode, _) in node.mapping! where keyNode.tag.rawValue == Tag.Name.null.rawValue
            || CSVText.trimmed(keyNode.scalar?.string ?? "").isEmpty {
            // An empty cell is never looked up in a table; a key "" would be silently ignored.
            throw fail(keyNode, "\(key).\"\"", "a code table cannot translate an empty cell; give the field a default: instead (e.g. {column: ..., codes: \(name), default: OTH})")
        }
        for (from, path, to) in try pairs(node, key, allowed: nil) {
            let normal = CodeTable.key(from)
            guard translations[normal] == nil else { throw fail(to, path, "'\(from)' is translated twice in this table") }
            if to.tag.rawValue == Tag.Name.null.rawValue {
                translations[normal] = .some(nil)
                continue
            }
            let translation = try text(to, path)
            guard !CSVText.trimmed(translation).isEmpty else {
                throw fail(to, path, "no translation given: write the SEN2 code, or ~ when '\(from)' says nothing for this element")
            }
            translations[normal] = .some(translation)
        }
        return CodeTable(name: name, translations: translations)
    }

    // MARK: - Fields

    static let sections = ["person", "request", "assessment", "plan", "plan_details", "active_plans", "placements", "needs"]

    mutating func section(_ name: String, _ node: Node, _ key: String, codeTables: [String: CodeTable]) throws -> [FieldMapping] {
        let modules: [(MappingModule, Node, String)]
        switch name {
        case "plan_details", "placements", "needs":
            guard let slots = node.sequence else {
                throw fail(node, key, "expected a list: one entry (- ...) per \(name == "needs" ? "need" : "setting")")
            }
            let limit = name == "placements" ? 20 : 2
            guard slots.count <= limit else { throw fail(node, key, "at most \(limit) entries") }
            modules = slots.enumerated().map { number, slot in
                let module: MappingModule = name == "needs" ? .need(number + 1)
                    : name == "placements" ? .placement(number + 1) : .planDetail(number + 1)
                return (module, slot, "\(key)[\(number + 1)]")
            }
        default:
            let module: MappingModule = switch name {
            case "person": .person
            case "request": .request
            case "assessment": .assessment
            case "plan": .plan
            default: .activePlans
            }
            modules = [(module, node, key)]
        }
        var fields: [FieldMapping] = []
        for (module, slot, slotKey) in modules {
            let allowed = MappingTarget.elements[module.section]!.keys.sorted()
            for (element, path, spec) in try pairs(slot, slotKey, allowed: allowed) {
                fields.append(try field(MappingTarget(module: module, element: element), spec, path, codeTables: codeTables))
            }
        }
        return fields
    }

    /// `Column name`, or `{column: ..., codes: ..., date_format: ..., optional: true, default: ...}`, or
    /// `{value: ...}`; `when: {Element: empty | filled | value}` makes a constant or a default conditional.
    mutating func field(_ target: MappingTarget, _ node: Node, _ key: String, codeTables: [String: CodeTable]) throws -> FieldMapping {
        if node.scalar != nil {
            return FieldMapping(target: target, source: .column(try text(node, key)), codes: nil, dateFormats: nil,
                                optional: false, key: key)
        }
        var column: String?, constant: String?, codes: String?, formats: [DateFormat]?, optional = false
        var fallback: String?, conditions: [FieldCondition] = [], whenNode: Node?
        let keys = ["column", "value", "codes", "date_format", "optional", "default", "when"]
        for (name, path, value) in try pairs(node, key, allowed: keys) {
            switch name {
            case "column": column = try text(value, path)
            case "value": constant = try checkedValue(value, path, target)
            case "default": fallback = try checkedValue(value, path, target)
            case "when":
                whenNode = value
                conditions = try self.conditions(value, path, target)
            case "codes":
                let table = try text(value, path)
                guard codeTables[table] != nil else {
                    let known = codeTables.keys.sorted().joined(separator: ", ")
                    throw fail(value, path, "no code table '\(table)' under codes: (tables: \(known.isEmpty ? "none" : known))")
                }
                guard target.kind == .code || target.kind == .flag else {
                    throw fail(value, path, "\(target.element) is a \(target.kind.rawValue), not a code: it takes no code table")
                }
                codes = table
            case "date_format":
                guard target.kind == .date else { throw fail(value, path, "\(target.element) is not a date") }
                formats = try self.formats(value, path)
            default:
                optional = ["true", "yes"].contains(try text(value, path).lowercased())
            }
        }
        if whenNode != nil, constant == nil, fallback == nil {
            throw fail(whenNode, "\(key).when", "when: says when a value: or a default: applies; give one of them")
        }
        switch (column, constant) {
        case let (column?, nil):
            return FieldMapping(target: target, source: .column(column), codes: codes, dateFormats: formats,
                                optional: optional, key: key, defaultValue: fallback, conditions: conditions)
        case let (nil, constant?):
            guard codes == nil, formats == nil else { throw fail(node, key, "a constant value takes no codes or date_format") }
            guard fallback == nil else {
                throw fail(node, "\(key).default", "a constant (value:) has no column to be empty: give column: with default:, or value: alone")
            }
            return FieldMapping(target: target, source: .constant(constant), codes: nil, dateFormats: nil, optional: false,
                                key: key, conditions: conditions)
        case (nil, nil) where fallback != nil:
            throw fail(node, "\(key).default", "default: is the value for an empty cell of a column: give column: too, or use value: for a constant")
        case (nil, nil): throw fail(node, key, "give the column to read (column: ...) or a constant (value: ...)")
        default: throw fail(node, key, "give either column or value, not both")
        }
    }

    /// A constant or default as written, checked to be a value of the element.
    func checkedValue(_ node: Node, _ key: String, _ target: MappingTarget) throws -> String {
        let given = try text(node, key)
        if case let .failure(problem) = FieldValueReader.parse(given, kind: target.kind, formats: [], table: nil) {
            throw fail(node, key, problem.message)
        }
        return given
    }

    /// `when: {URN: empty, UKPRN: empty}`: tests on other elements of the same module.
    mutating func conditions(_ node: Node, _ key: String, _ target: MappingTarget) throws -> [FieldCondition] {
        let elements = MappingTarget.elements[target.module.section] ?? [:]
        let allowed = elements.keys.filter { $0 != target.element }.sorted()
        var conditions: [FieldCondition] = []
        for (element, path, value) in try pairs(node, key, allowed: allowed) {
            let given = try text(value, path)
            switch given.lowercased() {
            case "empty": conditions.append(FieldCondition(element: element, test: .empty))
            case "filled": conditions.append(FieldCondition(element: element, test: .filled))
            default:
                let kind = elements[element] ?? .text
                switch FieldValueReader.parse(given, kind: kind, formats: [], table: nil) {
                case .success(let parsed?): conditions.append(FieldCondition(element: element, test: .equals(parsed)))
                case .success(nil): throw fail(value, path, "expected empty, filled or a value of \(element)")
                case .failure(let problem): throw fail(value, path, "expected empty, filled or a value of \(element): \(problem.message)")
                }
            }
        }
        guard !conditions.isEmpty else { throw fail(node, key, "expected at least one test, e.g. {URN: empty}") }
        return conditions
    }
}
