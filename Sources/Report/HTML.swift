/// Building blocks of the report's markup: escaping and a few elements. Every text that comes from
/// data (LA names, file names, indicator titles, reasons) goes through ``escape(_:)``.
package enum HTML {
    /// Text safe inside an element or a double-quoted attribute.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// An element id made from data (an indicator id, an LA code): letters, digits, `-` and `_` only.
    static func id(_ parts: String...) -> String {
        parts.joined(separator: "-").map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? String($0) : "_" }
            .joined()
    }

    /// `<tag attributes>content</tag>`; `content` is markup already (escape text first).
    static func element(_ tag: String, _ attributes: [(String, String)] = [], _ content: String) -> String {
        "<\(tag)\(attributeText(attributes))>\(content)</\(tag)>"
    }

    /// ` name="value"` pairs, values escaped.
    static func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }
}
