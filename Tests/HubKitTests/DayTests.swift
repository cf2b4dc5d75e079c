import HubKit
import Testing

/// `Day`, the SDK's civil date: the one ISO parser every importer shares.
struct DayTests {
    @Test func isoDatesParseWithATimeOrZoneIgnored() {
        #expect(Day(iso: "2025-01-16")?.iso == "2025-01-16")
        #expect(Day(iso: "2025-01-16T09:30:00")?.iso == "2025-01-16")
        #expect(Day(iso: "2025-01-16 09:30")?.iso == "2025-01-16")
        #expect(Day(iso: "2025-01-16Z")?.iso == "2025-01-16")
        #expect(Day(iso: "2025-01-16+01:00")?.iso == "2025-01-16")
        #expect(Day(iso: "2025-01-16-05:00")?.iso == "2025-01-16")
        #expect(Day(iso: "2024-02-29")?.daysSinceEpoch == 19_782)
    }

    @Test func whatIsNotADateIsNil() {
        for text in ["", "2025-1-16", "2025/01/16", "2025-01-1x", "2023-02-29", "2025-13-01", "2025-01-16X",
                     "2025-01-16Zx", "2025-01-16+0100", "2025-01-16+01:0a", "１９９９-01-01"] {
            #expect(Day(iso: text) == nil, "\(text)")
        }
    }

    @Test func bytesAndTextGiveTheSameDay() {
        let bytes = Array("2019-09-01T00:00:00Z".utf8)
        #expect(bytes.withUnsafeBufferPointer { Day(isoBytes: $0) } == Day(year: 2019, month: 9, day: 1))
        #expect(Array("2019-09-01Z".utf8).withUnsafeBufferPointer { Day(isoBytes: $0) } == Day(iso: "2019-09-01"))
    }
}
