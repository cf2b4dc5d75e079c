/// A civil calendar date with no time zone, stored as days since 1970-01-01.
///
/// SEN2 dates are dates, never instants; keeping them as a day number makes "within 20 weeks"
/// (`outcome - received <= 140`) plain integer arithmetic.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int32

    public init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }

    /// The date, or nil when the parts do not form a real date (e.g. 2023-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1,
              day <= Day.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        daysSinceEpoch = Int32(era * 146_097 + doe - 719_468)
    }

    /// Parses `YYYY-MM-DD`, optionally followed by a time (`T...` or a space) or a time zone (`Z`,
    /// `+hh:mm`, `-hh:mm`), which are ignored: the date forms SEN2 returns carry (docs/sen2.md).
    public init?(iso text: some StringProtocol) {
        var text = String(text)
        guard let day = text.withUTF8({ Day(isoBytes: $0) }) else { return nil }
        self = day
    }

    /// ``init(iso:)`` straight from UTF-8 bytes, for importers that read dates without making a
    /// String of each (the SEN2 XML and Blade importers share it).
    public init?(isoBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = Day.digits(bytes, 0 ..< 4), let month = Day.digits(bytes, 5 ..< 7),
              let day = Day.digits(bytes, 8 ..< 10)
        else { return nil }
        if bytes.count > 10 {
            switch bytes[10] {
            case UInt8(ascii: "T"), UInt8(ascii: " "): break
            case UInt8(ascii: "Z"): guard bytes.count == 11 else { return nil }
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard bytes.count == 16, bytes[13] == UInt8(ascii: ":"), Day.digits(bytes, 11 ..< 13) != nil,
                      Day.digits(bytes, 14 ..< 16) != nil else { return nil }
            default: return nil
            }
        }
        self.init(year: year, month: month, day: day)
    }

    /// The number the ASCII digits at `range` spell, or nil when one is not a digit.
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for i in range {
            let digit = Int(bytes[i]) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// Year, month and day of this date.
    public var parts: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = Int(daysSinceEpoch) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { parts.year }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let (y, m, d) = parts
        return "\(Day.pad(y, 4))-\(Day.pad(m, 2))-\(Day.pad(d, 2))"
    }

    /// `YYYY-MM`: the month a birth date is reduced to on import.
    public var isoMonth: String {
        let (y, m, _) = parts
        return "\(Day.pad(y, 4))-\(Day.pad(m, 2))"
    }

    public var description: String { iso }

    /// Calls `body` with the date as the 10 bytes of `YYYY-MM-DD` (the first 7 are `YYYY-MM`),
    /// written on the stack: for hot paths that would otherwise build a String a date.
    @inlinable
    public func withISOBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let (y, m, d) = parts
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { text in
            text[0] = UInt8(48 + y / 1000 % 10)
            text[1] = UInt8(48 + y / 100 % 10)
            text[2] = UInt8(48 + y / 10 % 10)
            text[3] = UInt8(48 + y % 10)
            text[4] = 45
            text[5] = UInt8(48 + m / 10)
            text[6] = UInt8(48 + m % 10)
            text[7] = 45
            text[8] = UInt8(48 + d / 10)
            text[9] = UInt8(48 + d % 10)
            return try body(UnsafeBufferPointer(text))
        }
    }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + Int32(days)) }

    /// Whole days from `self` to `other` (`other - self`).
    public func days(to other: Day) -> Int { Int(other.daysSinceEpoch) - Int(daysSinceEpoch) }

    /// Age in whole years on `date`.
    public func age(on date: Day) -> Int {
        let (by, bm, bd) = parts
        let (y, m, d) = date.parts
        var age = y - by
        if m < bm || (m == bm && d < bd) { age -= 1 }
        return age
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
