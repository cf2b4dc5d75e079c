import HubKit

/// Which of a file's candidate columns (neither time nor geography) are dimensions and which are
/// measures, by column position.
struct TableLayout: Equatable {
    var dimensions: [Int]
    var measures: [Int]
}

/// The first pass over a file: tallies what every candidate column holds, then decides.
///
/// The rule: a column whose non-empty cells are all numbers or EES symbols (see ``PublishedCell``),
/// across the whole file, is a measure; any other column is a dimension (a filter such as
/// `breakdown_topic`, `breakdown`, `age`). A column with no value at all counts as a measure, so it
/// yields no observations. A filter whose every value is a number would be taken for a measure:
/// EES filters carry a `Total` value, so none is expected.
struct ColumnSurvey {
    private struct Tally {
        var values = 0
        /// Cells that are neither a number nor a symbol.
        var texts = 0
        /// The first cell that is neither a number nor a symbol, and its line.
        var firstText: (value: String, line: Int)?
        /// True while every such cell looks like a marker for a missing figure rather than a label.
        var textIsMarkers = true
        /// The first value, and whether every later one equals it.
        var firstValue: String?
        var isConstant = true
    }

    /// Text that stands for a missing figure without being an EES symbol: punctuation only (`-`, `*`,
    /// `#`) or one of these words. A label such as `Total` or `Age 5` is none.
    static let markerWords: Set<String> = ["n/a", "na", "null", "none", "nil"]

    static func isMarker(_ text: String) -> Bool {
        markerWords.contains(text.lowercased()) || !text.contains { $0.isLetter || $0.isNumber }
    }

    private let candidates: [Int]
    private var tallies: [Tally]
    /// True when a cell did not decode as UTF-8 (U+FFFD): bytes past the head are Windows-1252.
    private(set) var sawUndecodableText = false

    init(header: TidyHeader) {
        candidates = header.candidates
        tallies = Array(repeating: Tally(), count: candidates.count)
    }

    mutating func add(_ row: TidyRow) {
        for (slot, column) in candidates.enumerated() {
            let text = row.fields[column]
            switch PublishedCell(text) {
            case .empty: continue
            case .number, .symbol: break
            case .text:
                tallies[slot].texts += 1
                let trimmed = CSVText.trimmed(text)
                if tallies[slot].firstText == nil { tallies[slot].firstText = (trimmed, row.line) }
                if !Self.isMarker(trimmed) { tallies[slot].textIsMarkers = false }
                if !sawUndecodableText, text.unicodeScalars.contains("\u{FFFD}") { sawUndecodableText = true }
            }
            tallies[slot].values += 1
            let value = CSVText.trimmed(text)
            if let first = tallies[slot].firstValue {
                if first != value { tallies[slot].isConstant = false }
            } else {
                tallies[slot].firstValue = value
            }
        }
    }

    /// Columns of numbers and symbols are measures, the others dimensions, except `textMeasures`:
    /// columns of words read as measures (see ``TextMeasures``).
    func layout(textMeasures: Set<Int> = []) -> TableLayout {
        var layout = TableLayout(dimensions: [], measures: [])
        for (slot, column) in candidates.enumerated() {
            if tallies[slot].firstText == nil || textMeasures.contains(column) {
                layout.measures.append(column)
            } else {
                layout.dimensions.append(column)
            }
        }
        return layout
    }

    /// Columns holding words: text that is not only markers for a missing figure, in column order.
    var wordColumns: [Int] {
        candidates.enumerated().compactMap { slot, column in
            tallies[slot].firstText != nil && !tallies[slot].textIsMarkers ? column : nil
        }
    }

    /// The first column of numbers and symbols that holds a value: the file's first numeric measure.
    var firstNumericMeasure: Int? {
        candidates.enumerated().first { slot, _ in tallies[slot].firstText == nil && tallies[slot].values > 0 }?.element
    }

    /// Columns whose every value is the same (such as a filter that is `Total` throughout).
    var constantColumns: Set<Int> {
        Set(candidates.enumerated().compactMap { slot, column in
            tallies[slot].values > 0 && tallies[slot].isConstant ? column : nil
        })
    }

    /// Warnings for columns taken as dimensions although most of their values are numbers or symbols
    /// and the rest are markers (see ``isMarker(_:)``): likely a measure with a marker EES does not define,
    /// which would otherwise go unnoticed. A filter of numbers and `Total` draws no warning.
    func issues(header: TidyHeader) -> [ImportIssue] {
        candidates.enumerated().compactMap { slot, column in
            let tally = tallies[slot]
            guard let text = tally.firstText, tally.textIsMarkers, tally.texts * 2 < tally.values else { return nil }
            let name = header.names[column]
            return ImportIssue(
                ruleID: "EES-MEASURE-AS-DIMENSION", severity: .warning,
                message: """
                    column \(name) is read as a dimension because of the value '\(text.value)' on line \(text.line), \
                    though \(tally.values - tally.texts) of its \(tally.values) values are numbers or symbols; a measure may hold only numbers \
                    and the symbols \(PublishedCell.symbols.sorted().joined(separator: " "))
                    """,
                path: name, value: text.value)
        }
    }
}
