/// A1-style cell references.
enum A1Reference {
    /// The column letters of a 0-based column: 0 is A, 25 Z, 26 AA.
    static func column(_ index: Int) -> String {
        var letters: [Character] = []
        var n = index + 1
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            n = (n - 1) / 26
        }
        return String(letters)
    }

    /// `B3` for row 2, column 1 (both 0-based).
    static func cell(row: Int, column: Int) -> String { self.column(column) + String(row + 1) }
}
