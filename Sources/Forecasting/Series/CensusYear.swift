import HubKit

/// The hub counts caseloads at the January census. A census year is the calendar year of that
/// January (2025 for the census of January 2025), the same number as the SEN2 collection year;
/// people read it as the academic year it falls in ("2024/25").
package enum CensusYear {
    /// `2025` -> `2024/25`.
    package static func label(_ year: Int) -> String { Period.census(collectionYear: year).label }

    /// `2024/25` -> 2025; a plain year `2025` is taken as the January 2025 census; an EES academic
    /// year `202425` -> 2025. Nil for anything else.
    package static func year(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "/") }) else { return nil }
        switch bytes.count {
        case 4:
            return Int(text)
        case 6 where !text.contains("/"):
            guard let first = Int(text.prefix(4)), let second = Int(text.suffix(2)), (first + 1) % 100 == second else { return nil }
            return first + 1
        case 7 where bytes[4] == UInt8(ascii: "/"):
            guard let first = Int(text.prefix(4)), let second = Int(text.suffix(2)), (first + 1) % 100 == second else { return nil }
            return first + 1
        default:
            return nil
        }
    }
}
