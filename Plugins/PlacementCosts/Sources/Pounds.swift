/// An amount of money in pounds as LAs write it in spreadsheets: `45000`, `45000.50`, `£45,000`,
/// `£ 45,000.50`. A pound sign and thousands separators (groups of three digits) are tolerated;
/// a minus sign may come before or after the pound sign.
enum Pounds {
    /// The amount, negative when written with a minus sign; nil when the text is not an amount.
    static func parse(_ text: String) -> Double? {
        var rest = Substring(text)
        var negative = false
        var poundSign = false
        while let first = rest.first, first == "-" || first == "£" || first == " " {
            switch first {
            case "-" where !negative: negative = true
            case "£" where !poundSign: poundSign = true
            case " ": break
            default: return nil
            }
            rest = rest.dropFirst()
        }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first.map(String.init), let units = wholePounds(whole) else { return nil }
        var digits = units
        if parts.count == 2 {
            let pence = parts[1]
            guard !pence.isEmpty, pence.allSatisfy(isDigit) else { return nil }
            digits += "." + pence
        }
        guard let amount = Double(digits) else { return nil }
        return negative ? -amount : amount
    }

    /// `45,000` -> `45000`; nil unless plain digits or digits grouped in threes by commas.
    private static func wholePounds(_ text: String) -> String? {
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        guard let lead = groups.first, !lead.isEmpty, groups.count == 1 || lead.count <= 3,
              groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy(isDigit) }) else { return nil }
        return groups.joined()
    }

    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
}
