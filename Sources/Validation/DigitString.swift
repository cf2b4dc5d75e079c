/// Digit-string checks for the other SEN2 identifiers (ASCII only, no allocation).
enum DigitString {
    /// True when `text` is only ASCII digits and its length is within `lengths`.
    static func matches(_ text: String, lengths: ClosedRange<Int>) -> Bool {
        text.withUTF8Bytes { bytes in
            lengths.contains(bytes.count) && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
    }

    /// ULN: 10 digits.
    static func isULN(_ text: String) -> Bool { matches(text, lengths: 10...10) }
    /// URN: the GIAS establishment number, up to 6 digits.
    static func isURN(_ text: String) -> Bool { matches(text, lengths: 1...6) }
    /// UKPRN: 8 digits.
    static func isUKPRN(_ text: String) -> Bool { matches(text, lengths: 8...8) }
    /// LA code: the 3-digit DfE LA number.
    static func isLACode(_ text: String) -> Bool { matches(text, lengths: 3...3) }
    /// `Exported` / `TransferLA`: a 3-digit LA number, or XXX for unknown or outside the UK.
    static func isLACodeOrUnknown(_ text: String) -> Bool { text == "XXX" || isLACode(text) }
}
