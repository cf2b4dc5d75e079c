/// What to tell a user whose file no importer recognises because of its text encoding.
package enum TextEncodingNote {
    /// A message when `head` (the first bytes of a file) is UTF-16 text: a UTF-16 byte order mark,
    /// or, without one, ASCII with a zero byte beside every character (as "Unicode text" from
    /// Excel or Notepad comes out). Nil otherwise. No importer reads UTF-16 (docs/input-rules.md).
    package static func utf16(_ head: [UInt8]) -> String? {
        let order: String
        if head.starts(with: [0xFF, 0xFE]) {
            order = "little-endian, with a byte order mark"
        } else if head.starts(with: [0xFE, 0xFF]) {
            order = "big-endian, with a byte order mark"
        } else if looksLikeUTF16(head, zeroFirst: false) {
            order = "little-endian"
        } else if looksLikeUTF16(head, zeroFirst: true) {
            order = "big-endian"
        } else {
            return nil
        }
        return "the file is UTF-16 text (\(order)), which no importer reads: save it as UTF-8 (Excel: Save As "
            + "\"CSV UTF-8\"; Notepad: Save As with Encoding UTF-8) and import that"
    }

    /// At least 8 characters of ASCII, each with a zero byte on the same side.
    private static func looksLikeUTF16(_ head: [UInt8], zeroFirst: Bool) -> Bool {
        let pairs = min(head.count / 2, 64)
        guard pairs >= 8 else { return false }
        for pair in 0 ..< pairs {
            let (high, low) = zeroFirst ? (head[2 * pair], head[2 * pair + 1]) : (head[2 * pair + 1], head[2 * pair])
            guard high == 0, low != 0, low < 0x80 else { return false }
        }
        return true
    }
}
