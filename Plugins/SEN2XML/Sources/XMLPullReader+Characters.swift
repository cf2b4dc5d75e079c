import HubKit

// Every character must be one XML 1.0 allows, in the document's encoding (see
// docs/input-rules.md). The check runs in bulk on each chunk as it is loaded, 16 bytes at a time
// while they are plain ASCII, so it costs little on the hot path. Only checked bytes are handed
// to the parser: `buffer[limit ..< loaded]` is loaded but unchecked (the start of a UTF-8
// sequence cut by the chunk's end, or everything from a refused character on). The parser stops
// at a refused character and the rejection is thrown when it asks for more, so it names the
// element the character is in.
extension XMLPullReader {
    /// Why the character at `limit` is refused, before the parser's context is added.
    struct CharacterProblem {
        var message: String
    }

    /// Checks `buffer[limit ..< loaded]` and moves `limit` past every allowed character; sets
    /// `characterProblem` at the first refused one. A UTF-8 sequence cut by the end of what is
    /// loaded stays unchecked until more arrives (at the end of the stream it is refused).
    mutating func checkLoadedCharacters() {
        guard checksCharacters, characterProblem == nil else {
            if !checksCharacters { limit = loaded }
            return
        }
        let base = buffer
        let end = loaded
        var i = limit
        if encoding == .utf8 {
            while true {
                i = Self.skipPlainASCII(base, from: i, to: end)
                guard i < end else { break }
                let byte = base[i]
                if byte < 0x80 {
                    characterProblem = Self.controlCharacter(byte)
                    break
                }
                let (length, problem) = Self.utf8Sequence(base, at: i, end: end)
                if let problem {
                    characterProblem = problem
                    break
                }
                guard length > 0 else {  // cut by the end of what is loaded
                    if reachedEndOfStream {
                        characterProblem = CharacterProblem(message: "the file ends in the middle of a UTF-8 character")
                    }
                    break
                }
                i += length
            }
        } else {
            while i < end {
                i = Self.skipSingleByteText(base, from: i, to: end)
                guard i < end else { break }
                characterProblem = Self.controlCharacter(base[i])
                break
            }
        }
        limit = i
    }

    /// The rejection for `characterProblem`, at `limit`, naming the element it is in.
    mutating func characterRejection(_ problem: CharacterProblem) -> InputRejected {
        let place: String
        if depth > 0 {
            place = " in <\(Self.string(openName))>"
        } else {
            place = rootSeen ? " after the root element" : " before the root element"
        }
        let advice = encoding == .utf8
            ? "save the file as UTF-8 (or declare its real encoding, e.g. <?xml version=\"1.0\" encoding=\"windows-1252\"?>)"
            : "remove the character (XML does not allow it in any encoding)"
        return rejection("\(problem.message)\(place); \(advice)", at: limit)
    }

    // MARK: - Scanning

    /// Whether a byte is ASCII that XML allows as it is: printable, DEL, tab, LF or CR.
    @inline(__always)
    static func isPlainASCII(_ byte: UInt8) -> Bool {
        byte &- 0x20 < 0x60 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// The index of the first byte from `start` that is not plain ASCII (or `end`).
    @inline(__always)
    static func skipPlainASCII(_ base: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        let space = SIMD16<UInt8>(repeating: 0x20), printable = SIMD16<UInt8>(repeating: 0x60)
        let lf = SIMD16<UInt8>(repeating: 0x0A), tab = SIMD16<UInt8>(repeating: 0x09),
            cr = SIMD16<UInt8>(repeating: 0x0D)
        while i + 16 <= end {
            let chunk = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
            let plain = ((chunk &- space) .< printable) .| (chunk .== lf) .| (chunk .== tab) .| (chunk .== cr)
            if !all(plain) { break }
            i &+= 16
        }
        while i < end, isPlainASCII(base[i]) { i &+= 1 }
        return i
    }

    /// The index of the first byte from `start` that is a control character XML refuses, in a
    /// single-byte encoding (where every byte from 0x20 up is a character).
    static func skipSingleByteText(_ base: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        while i < end {
            let byte = base[i]
            if byte < 0x20, byte != 0x0A, byte != 0x09, byte != 0x0D { return i }
            i &+= 1
        }
        return i
    }

    static func controlCharacter(_ byte: UInt8) -> CharacterProblem {
        CharacterProblem(message: byte == 0
            ? "a NUL character (byte 0x00), which XML does not allow"
            : "the control character U+00\(hexByte(byte).dropFirst(2)), which XML does not allow")
    }

    /// The UTF-8 sequence starting with the non-ASCII byte at `start`: its length when it is a
    /// character XML allows; length 0 when it is cut by `end`; otherwise why it is refused.
    static func utf8Sequence(_ base: UnsafeMutablePointer<UInt8>, at start: Int, end: Int)
        -> (length: Int, problem: CharacterProblem?) {
        let lead = base[start]
        var length = 0
        var low: UInt8 = 0x80, high: UInt8 = 0xBF  // the range of the second byte
        switch lead {
        case 0xC2 ... 0xDF: length = 2
        case 0xE0: (length, low) = (3, 0xA0)  // no overlong forms
        case 0xE1 ... 0xEC, 0xEE ... 0xEF: length = 3
        case 0xED: (length, high) = (3, 0x9F)  // no surrogates
        case 0xF0: (length, low) = (4, 0x90)
        case 0xF1 ... 0xF3: length = 4
        case 0xF4: (length, high) = (4, 0x8F)  // nothing past U+10FFFF
        default:
            return (0, CharacterProblem(message: "invalid UTF-8: byte \(hexByte(lead)) cannot start a character"))
        }
        for k in 1 ..< length {
            guard start + k < end else { return (0, nil) }
            let byte = base[start + k]
            let (expectedLow, expectedHigh) = k == 1 ? (low, high) : (0x80, 0xBF)
            guard byte >= expectedLow, byte <= expectedHigh else {
                return (0, CharacterProblem(message: "invalid UTF-8: byte \(hexByte(lead)) is followed by "
                                            + "\(hexByte(byte)), which does not continue it"))
            }
        }
        if lead == 0xEF, base[start + 1] == 0xBF, base[start + 2] >= 0xBE {
            let code = base[start + 2] == 0xBE ? "U+FFFE" : "U+FFFF"
            return (0, CharacterProblem(message: "the non-character \(code), which XML does not allow"))
        }
        return (length, nil)
    }

    private static func hexByte(_ byte: UInt8) -> String {
        "0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }
}
