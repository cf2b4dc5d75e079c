/// The edition of a neighbour list (`2025-05`), which the DfE long layout does not carry in its rows:
/// it is taken from the file name.
enum NeighbourEdition {
    /// `YYYY-MM` from the first date in `fileName`: `YYYY_MM`, `YYYY-MM`, `YYYYMM` or `YYYYMMDD`
    /// (`stat_neighbours_2025_05_long.csv` -> `2025-05`), or nil when the name has none.
    static func from(fileName: String) -> String? {
        let runs = digitRuns(in: fileName)
        for (index, run) in runs.enumerated() {
            switch run.digits.count {
            case 6, 8:
                if let edition = edition(year: run.digits.prefix(4), month: run.digits.dropFirst(4).prefix(2)) {
                    return edition
                }
            case 4:
                // A year, then `_` or `-`, then a two-digit month.
                guard index + 1 < runs.count, runs[index + 1].digits.count == 2,
                      ["_", "-"].contains(runs[index + 1].separatorBefore) else { continue }
                if let edition = edition(year: run.digits[...], month: runs[index + 1].digits[...]) {
                    return edition
                }
            default:
                continue
            }
        }
        return nil
    }

    /// What a user should do when the name carries no edition.
    static let renameAdvice = "rename the file so that its name carries the edition's year and month "
        + "as YYYY_MM, YYYY-MM or YYYYMM (e.g. stat_neighbours_2025_05_long.csv for the May 2025 edition) "
        + "and import it again"

    private struct DigitRun {
        var digits: [Character]
        /// The one character between this run and the previous one, when exactly one separates them.
        var separatorBefore: Character?
    }

    private static func digitRuns(in name: String) -> [DigitRun] {
        var runs: [DigitRun] = []
        var current: [Character] = []
        var gap: [Character] = []
        for character in name {
            if character.isASCII, character.isNumber {
                current.append(character)
                continue
            }
            if !current.isEmpty {
                runs.append(DigitRun(digits: current, separatorBefore: gap.count == 1 ? gap[0] : nil))
                current = []
                gap = []
            }
            gap.append(character)
        }
        if !current.isEmpty {
            runs.append(DigitRun(digits: current, separatorBefore: gap.count == 1 ? gap[0] : nil))
        }
        return runs
    }

    private static func edition(year: ArraySlice<Character>, month: ArraySlice<Character>) -> String? {
        guard let y = Int(String(year)), (1990...2099).contains(y),
              let m = Int(String(month)), (1...12).contains(m) else { return nil }
        return "\(String(year))-\(String(month))"
    }
}
