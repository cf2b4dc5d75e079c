/// Which columns of words (`Yes`, `No`, `n/a`) are measures, categorical indicators such as whether
/// an LA has a designated medical officer, rather than filters such as `breakdown` or `age`.
/// EES data files put their filters before their indicators, so:
///
/// - when the file has a numeric measure, the word columns after the first one are measures, those
///   before it filters;
/// - when it has none, the filters are the fewest leading word columns that, with the time, level
///   and area, tell every row apart, and any leading word columns that hold one value throughout
///   (`breakdown` = `Total`); the word columns after them are measures. When no leading run tells
///   the rows apart, every word column is a filter.
///
/// A measure of words is stored as published, as text (`value_text`), with no number.
enum TextMeasures {
    /// `distinguishingPrefix` counts the fewest leading word columns that tell rows apart (nil when
    /// none do); it is asked only for a file without a numeric measure, as it reads the file again.
    static func columns(wordColumns: [Int], firstNumericMeasure: Int?, constantColumns: Set<Int>,
                        distinguishingPrefix: ([Int]) throws -> Int?) rethrows -> Set<Int> {
        guard !wordColumns.isEmpty else { return [] }
        if let first = firstNumericMeasure {
            return Set(wordColumns.filter { $0 > first })
        }
        guard let distinguishing = try distinguishingPrefix(wordColumns) else { return [] }
        let constantRun = wordColumns.prefix { constantColumns.contains($0) }.count
        return Set(wordColumns[max(distinguishing, constantRun)...])
    }
}
