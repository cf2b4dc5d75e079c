import HubKit

extension Day {
    /// The date, for parts known to be valid (the generator only builds real dates).
    static func known(_ year: Int, _ month: Int, _ day: Int) -> Day {
        guard let date = Day(year: year, month: month, day: day) else {
            preconditionFailure("not a date: \(year)-\(month)-\(day)")
        }
        return date
    }

    /// The same day of the month `months` later (earlier when negative), clamped to the end of a
    /// shorter month (31 March plus one month is 30 April).
    func shifted(months: Int) -> Day {
        let (y, m, d) = parts
        let total = y * 12 + (m - 1) + months
        let year = total / 12, month = total % 12 + 1
        return Day.known(year, month, min(d, Day.daysIn(month: month, year: year)))
    }

    /// 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
    var weekday: Int {
        let days = Int(daysSinceEpoch)
        return ((days % 7) + 7 + 3) % 7
    }

    /// Writes `YYYY-MM-DD` into `bytes`.
    func appendISO(to bytes: inout [UInt8]) {
        let (y, m, d) = parts
        bytes.append(UInt8(48 + y / 1000 % 10))
        bytes.append(UInt8(48 + y / 100 % 10))
        bytes.append(UInt8(48 + y / 10 % 10))
        bytes.append(UInt8(48 + y % 10))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(UInt8(48 + m / 10))
        bytes.append(UInt8(48 + m % 10))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(UInt8(48 + d / 10))
        bytes.append(UInt8(48 + d % 10))
    }
}

func min(_ a: Day, _ b: Day) -> Day { a < b ? a : b }
func max(_ a: Day, _ b: Day) -> Day { a < b ? b : a }
