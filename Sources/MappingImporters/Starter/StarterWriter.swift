import HubKit

/// Writes the starter mapping's YAML from the column profiles (see ``StarterMapping``).
struct StarterWriter {
    let table: SheetTable
    let profiles: [ColumnProfile]
    let rows: Int
    let context: StarterMapping.Context
    private(set) var entriesToFill = 0
    private var lines: [String] = []

    init(table: SheetTable, profiles: [ColumnProfile], rows: Int, context: StarterMapping.Context) {
        self.table = table
        self.profiles = profiles
        self.rows = rows
        self.context = context
    }

    /// One mapped field: the target, its column (nil for a constant) and what to say about it.
    struct Field {
        var target: MappingTarget
        var column: Int?
        var constant: String?
        var codes: String?
        var note: String
    }

    mutating func write() -> String {
        let personKey = profiles.first { TargetGuess.isPersonKey($0.name) }
        let requestKey = personKey == nil ? nil : profiles.first { TargetGuess.isRequestKey($0.name) && $0.index != personKey?.index }
        let keys = Set([personKey?.index, requestKey?.index].compactMap { $0 })
        var guesses = TargetGuess.guess(profiles, skip: keys)
        // One review date column feeds both the meeting and the last review, as SEN2 returns mostly give both.
        if let review = guesses.first(where: { $0.target.element == "LastReview" }),
           !guesses.contains(where: { $0.target.element == "ReviewMeeting" }) {
            guesses.append(TargetGuess.Guess(column: review.column,
                                             target: MappingTarget(module: .activePlans, element: "ReviewMeeting"), score: review.score))
        }
        let upn = guesses.first { $0.target == MappingTarget(module: .person, element: "UPN") }.map { profiles[$0.column] }

        header()
        lines += ["id: \(context.id)", "version: 0.1.0",
                  "summary: \(Self.scalar("SEN2 records mapped from \(Self.baseName(table.fileName)) (starter mapping: check every guess)"))", ""]

        // How the export is recognised: the person key and the first mapped columns every row fills.
        var recognised = [personKey].compactMap { $0?.name }
        for guess in guesses.sorted(by: { $0.column < $1.column }) where recognised.count < 5 {
            let profile = profiles[guess.column]
            if profile.filled == rows, !recognised.contains(profile.name) { recognised.append(profile.name) }
        }
        lines.append("file:")
        lines.append("  headers: [\(recognised.map(Self.scalar).joined(separator: ", "))]   # the export is recognised by these columns")
        if let sheet = context.sheet { lines.append("  sheet: \(Self.scalar(sheet))") }
        if table.headerRowNumber != 1 { lines.append("  header_row: \(table.headerRowNumber)") }
        lines.append("")

        returnSection(upn: upn, guesses: guesses)

        if let personKey {
            let perChild = personKey.distinct.map { values in values.map(\.count).max() ?? 1 }
            lines.append("person_key: \(Self.scalar(personKey.name))   # guessed from the name"
                         + (perChild.map { $0 > 1 ? "; up to \($0) rows per child" : "; one row per child" } ?? ""))
        } else if let upn {
            lines.append("person_key: \(Self.scalar(upn.name))   # no child id column found: rows with the same UPN are one child")
        } else {
            lines.append("# person_key: no child id column found, so every row is one child; name the column that identifies a child if rows repeat")
        }
        if let requestKey {
            lines.append("request_key: \(Self.scalar(requestKey.name))   # guessed from the name: rows of one child with the same value are one request")
        }
        lines.append("")

        let dateColumns = guesses.map { profiles[$0.column] }.filter(\.isDate)
        // A column whose values fit one format only (03/25/2012 is month first) decides for the
        // columns that fit several (12/01/2022), so an export is read in one order throughout.
        let decided = Set(dateColumns.compactMap { $0.dateFormats?.count == 1 ? $0.dateFormats?.first : nil })
        var formats: [DateFormat] = []
        for profile in dateColumns {
            guard let format = profile.dateFormats?.first(where: decided.contains) ?? profile.dateFormat,
                  format != .iso, !formats.contains(format) else { continue }
            formats.append(format)
        }
        if formats.isEmpty {
            lines.append("dates: []   # the date columns are yyyy-mm-dd (or XLSX dates), which every mapping reads")
        } else {
            lines.append("dates: [\(formats.map { Self.scalar($0.pattern) }.joined(separator: ", "))]   # guessed from the values of \(dateColumns.count) date \(dateColumns.count == 1 ? "column" : "columns")")
        }
        lines.append("")

        let fields = codeTables(guesses)
        lines.append("fields:")
        fieldSections(fields)
        unmapped(used: Set(guesses.map(\.column)).union(keys))
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Parts

    private mutating func header() {
        lines += [
            "# A starter mapping written by `hnhub mapping new` from \(Self.baseName(table.fileName)) (\(table.origin), \(rows) rows,",
            "# \(profiles.count) columns). Each target is a guess from the column's name, each date format a",
            "# guess from the values (docs/mapping-importers.md, \"Starting from an export\"). Before use:",
            "#   1. translate every code table entry written \"\": the SEN2 code, or ~ when the value says",
            "#      nothing for that element (a setting type beside a URN, for instance);",
            "#   2. check each guess, map what the export holds under names not recognised (listed at the",
            "#      end), and give constants or defaults only where the guide says one is safe",
            "#      (docs/mapping-importers.md, \"When a constant is safe\");",
            "#   3. hnhub validate --config CONFIG --importer mapping:\(context.id) EXPORT",
        ]
    }

    private mutating func returnSection(upn: ColumnProfile?, guesses: [TargetGuess.Guess]) {
        lines.append("return:")
        if let la = context.laCode {
            lines.append("  la_code: \"\(la)\"")
        } else if let upn, let (la, count) = upn.issuingLAs.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
            lines.append("  la_code: \"\(la)\"   # guessed: characters 2-4 of \(count) of \(upn.filled) UPNs (the LA that issued them); check it")
        } else {
            lines.append("  la_code: \"\"   # write the 3-digit DfE number of the LA the export is from")
        }
        if let census = context.censusDate {
            lines.append("  census_date: \(census)")
        } else {
            // The latest event in the export, phase transfers (which may lie ahead) left out.
            let latest = guesses.filter { !$0.target.element.hasPrefix("PhaseTransfer") }.compactMap { profiles[$0.column].latest }.max()
            if let latest, let census = context.censusDays.min(by: { abs(Int($0.daysSinceEpoch - latest.daysSinceEpoch)) < abs(Int($1.daysSinceEpoch - latest.daysSinceEpoch)) }) {
                lines.append("  census_date: \(census)   # guessed: the census day nearest the latest date in the export (\(latest)); check it")
            } else {
                lines.append("  census_date: \"\"   # write the census day of the return, e.g. 2025-01-16")
            }
        }
        lines.append("")
    }

    /// The code tables (written here) and the fields that use them.
    private mutating func codeTables(_ guesses: [TargetGuess.Guess]) -> [Field] {
        var fields: [Field] = []
        var tables: [(name: String, element: String, kind: MappingValueKind, columns: [ColumnProfile])] = []
        for guess in guesses {
            let profile = profiles[guess.column]
            var field = Field(target: guess.target, column: guess.column, note: "\(profile.filled) of \(rows) rows filled")
            let kind = guess.target.kind
            let values = profile.distinct ?? []
            let known = Set((context.codeLists[guess.target.element] ?? []).map { $0.uppercased() })
            if guess.target.isPersonal || !(kind == .code || kind == .flag) || profile.filled == 0 {
                fields.append(field)
                continue
            }
            if profile.distinct == nil {
                field.note += "; more than \(ColumnProfile.maxDistinct) different values, so no code table"
            } else if kind == .flag, values.allSatisfy({ FieldValueReader.flagWords[$0.value.lowercased()] != nil }) {
                field.note += "; yes/no values, read as they are"
            } else if kind == .code, !known.isEmpty, values.allSatisfy({ known.contains($0.value.uppercased()) }) {
                field.note += "; the values are SEN2 codes already"
            } else {
                let name = Self.tableName(guess.target.element)
                if let index = tables.firstIndex(where: { $0.name == name }) {
                    tables[index].columns.append(profile)
                } else {
                    tables.append((name, guess.target.element, kind, [profile]))
                }
                field.codes = name
            }
            fields.append(field)
        }
        if tables.isEmpty { return fields }
        lines.append("codes:")
        for table in tables {
            var counts: [String: Int] = [:], order: [String] = []
            for column in table.columns {
                for (value, count) in column.distinct ?? [] {
                    let key = CodeTable.key(value)
                    if counts[key] == nil { order.append(value) }
                    counts[key, default: 0] += count
                }
            }
            let codes = context.codeLists[table.element] ?? []
            let kind = table.kind
            let columns = table.columns.map { "'\($0.name)'" }.joined(separator: ", ")
            let allowed = kind == .flag ? "1 or 0" : codes.isEmpty ? "see docs/sen2.md" : codes.joined(separator: ", ")
            lines.append("  \(table.name):   # \(table.columns.count == 1 ? "column" : "columns") \(columns) -> \(table.element): \(allowed), or ~ for no value")
            // Most frequent first; of equal counts, in order of appearance.
            let ranked = order.enumerated().sorted { a, b in
                (counts[CodeTable.key(a.element)]!, -a.offset) > (counts[CodeTable.key(b.element)]!, -b.offset)
            }.map(\.element)
            for value in ranked {
                let count = counts[CodeTable.key(value)]!
                let translation: String
                if kind == .flag, let flag = FieldValueReader.flagWords[value.lowercased()] {
                    translation = flag ? "1" : "0"
                } else if codes.contains(value.uppercased()) {
                    translation = value.uppercased()
                } else {
                    translation = "\"\""
                    entriesToFill += 1
                }
                lines.append("    \(Self.quoted(value)): \(translation)   # \(count) \(count == 1 ? "row" : "rows")")
            }
        }
        lines.append("")
        return fields
    }

    private mutating func fieldSections(_ guessed: [Field]) {
        for section in MappingFileParser.sections {
            var slots: [MappingModule: [Field]] = [:]
            for field in guessed where field.target.module.section == section { slots[field.target.module, default: []].append(field) }
            // The rank of a need is its slot; a setting group with no rank column is guessed to be its slot's rank.
            for module in slots.keys {
                switch module {
                case .need(let slot):
                    slots[module]!.append(Field(target: MappingTarget(module: module, element: "SENtypeRank"), constant: "\(slot)",
                                                note: "the \(slot == 1 ? "primary" : "secondary") need"))
                case .planDetail(let slot), .placement(let slot):
                    guard !slots[module]!.contains(where: { $0.target.element == "PlacementRank" }) else { continue }
                    slots[module]!.append(Field(target: MappingTarget(module: module, element: "PlacementRank"), constant: "\(slot)",
                                                note: "guessed: setting group \(slot) is rank \(slot) (1 main, 2 secondary); check it"))
                default: break
                }
            }
            let elements = MappingTarget.elements[section]!.keys
            let found = Set(slots.values.flatMap { $0.map(\.target.element) })
            let missing = elements.filter { !found.contains($0) }.sorted()
            guard !slots.isEmpty else {
                lines.append("  # \(section): no column found (\(missing.joined(separator: ", ")))")
                continue
            }
            lines.append("  \(section):")
            let repeating = ["plan_details", "placements", "needs"].contains(section)
            for module in slots.keys.sorted() {
                var first = true
                for field in slots[module]!.sorted(by: { Self.order($0.target) < Self.order($1.target) }) {
                    let indent = repeating ? (first ? "    - " : "      ") : "    "
                    first = false
                    lines.append(indent + "\(field.target.element): \(spec(field))   # \(field.note)")
                }
            }
            if !missing.isEmpty {
                lines.append("    # not found in the export: \(missing.joined(separator: ", "))")
            }
        }
        lines.append("")
    }

    private func spec(_ field: Field) -> String {
        if let constant = field.constant { return "{value: \(constant)}" }
        let name = Self.scalar(profiles[field.column!].name)
        return field.codes.map { "{column: \(name), codes: \($0)}" } ?? name
    }

    private mutating func unmapped(used: Set<Int>) {
        let rest = profiles.filter { !used.contains($0.index) }
        guard !rest.isEmpty else { return }
        lines.append("# Columns not mapped (no SEN2 element suggested by the name; map any that holds one):")
        for profile in rest {
            lines.append("#   \(profile.name) (\(profile.filled) of \(rows) rows filled\(profile.isDate ? ", dates" : ""))")
        }
    }

    // MARK: - Text

    /// Elements in the order of the SEN2 guide's lists (docs/mapping-importers.md), for reading.
    static func order(_ target: MappingTarget) -> Int {
        let guide = ["UPN", "UniqueLearnerNumber", "Surname", "Forename", "PersonBirthDate", "Sex", "Ethnicity", "PostCode",
                     "UPNunknown", "ReceivedDate", "RequestSource", "RYA", "RequestOutcomeDate", "RequestOutcome",
                     "RequestMediation", "RequestTribunal", "Exported", "AssessmentOutcome", "AssessmentOutcomeDate",
                     "AssessmentMediation", "AssessmentTribunal", "OtherMediation", "OtherTribunal", "Week20", "StartDate",
                     "PlanRes", "PlanWBP", "PB", "OA", "DP", "CeaseDate", "CeaseReason", "TransferLA", "URN", "UKPRN",
                     "SENSetting", "SENSettingOther", "PlacementRank", "EntryDate", "LeavingDate", "SENunitIndicator",
                     "ResourcedProvisionIndicator", "Res", "WBP", "ReviewMeeting", "LastReview", "ReviewOutcome",
                     "ReviewDraft", "PhaseTransferDueDate", "PhaseTransferFinalDate", "SENtype", "SENtypeRank"]
        return guide.firstIndex(of: target.element) ?? guide.count
    }

    /// `RequestOutcome` -> `request_outcome`; the need and setting tables keep their short names.
    static func tableName(_ element: String) -> String {
        switch element {
        case "SENtype": return "need"
        case "SENSetting": return "setting"
        case "UPNunknown": return "upn_unknown"
        default:
            var name = ""
            for (offset, character) in element.enumerated() {
                if character.isUppercase, offset > 0, !(element[element.index(element.startIndex, offsetBy: offset - 1)].isUppercase) {
                    name += "_"
                }
                name += character.lowercased()
            }
            return name
        }
    }

    static func baseName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// `text` in double quotes, `\` and `"` escaped.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `text` as a YAML scalar: plain when YAML reads it back as the same text, else quoted.
    static func scalar(_ text: String) -> String {
        let special: Set<Character> = [",", "[", "]", "{", "}", "\"", "'", "`", "|", ">", "&", "*", "!", "%", "@", "\\", "#", ":", "?", "-"]
        let words: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
        guard let first = text.first, let last = text.last, !first.isWhitespace, !last.isWhitespace,
              first.isLetter || first.isNumber && !text.allSatisfy({ $0.isNumber || $0 == "." }),
              !text.contains(where: special.contains), !words.contains(text.lowercased()) else { return quoted(text) }
        return text
    }
}
