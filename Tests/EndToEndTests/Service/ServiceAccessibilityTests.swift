import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HubService
@testable import Report

/// A colour of a stylesheet, and its contrast with another per WCAG 2.1's relative luminance.
struct SRGBColour: Equatable, CustomStringConvertible {
    var red: Int, green: Int, blue: Int

    /// `#rgb` or `#rrggbb`; nil for anything else.
    init?(hex: String) {
        var digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : ""
        if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return nil }
        (red, green, blue) = (value >> 16, (value >> 8) & 0xFF, value & 0xFF)
    }

    var description: String { String(format: "#%02x%02x%02x", red, green, blue) }

    /// WCAG 2.1 relative luminance: each sRGB channel linearised, weighted 0.2126, 0.7152, 0.0722.
    var luminance: Double {
        func linear(_ channel: Int) -> Double {
            let c = Double(channel) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// (lighter + 0.05) / (darker + 0.05), from 1 to 21.
    func contrast(with other: SRGBColour) -> Double {
        let (a, b) = (luminance, other.luminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}

/// The rules of a stylesheet with the colours they set, `var(--name)` resolved from `:root`.
struct StylesheetColours {
    struct Rule {
        var selector: String
        var declarations: [String: String]
        var colour: SRGBColour?
        var background: SRGBColour?
        var outline: SRGBColour?

        /// Large text in WCAG's sense: at least 24px, or 18.66px and bold (headings are bold).
        var isLargeText: Bool {
            guard let size = declarations["font-size"], let pixels = Self.pixels(size) else { return false }
            let bold = (declarations["font-weight"].flatMap(Int.init) ?? 400) >= 700
                || selector.split(separator: ",").allSatisfy { $0.trimmingCharacters(in: .whitespaces).range(of: "^h[1-3]\\b", options: .regularExpression) != nil }
            return pixels >= 24 || (bold && pixels >= 18.66)
        }

        static func pixels(_ size: String) -> Double? {
            if size.hasSuffix("rem"), let value = Double(size.dropLast(3)) { return value * 16 }
            if size.hasSuffix("px"), let value = Double(size.dropLast(2)) { return value }
            return nil
        }
    }

    var rules: [Rule] = []

    init(css: String) throws {
        let text = css.replacingOccurrences(of: "/\\*[\\s\\S]*?\\*/", with: "", options: .regularExpression)
        let pattern = try NSRegularExpression(pattern: "([^{}]+)\\{([^{}]*)\\}")
        var raw: [(String, [String: String])] = []
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let selector = String(text[Range(match.range(at: 1), in: text)!]).trimmingCharacters(in: .whitespacesAndNewlines)
            var declarations: [String: String] = [:]
            for part in text[Range(match.range(at: 2), in: text)!].split(separator: ";") {
                let pair = part.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                if pair.count == 2 { declarations[pair[0]] = pair[1] }
            }
            raw.append((selector, declarations))
        }
        let variables = raw.first { $0.0 == ":root" }?.1.filter { $0.key.hasPrefix("--") } ?? [:]
        func colour(_ value: String?) -> SRGBColour? {
            guard var value, !value.contains("gradient"), !value.contains("url(") else { return nil }
            value = value.replacingOccurrences(of: "var\\((--[a-z-]+)\\)", with: "$1", options: .regularExpression)
            for token in value.split(separator: " ") {
                let word = String(token)
                if let colour = SRGBColour(hex: variables[word] ?? word) { return colour }
            }
            return nil
        }
        rules = raw.filter { $0.0 != ":root" }.map { selector, declarations in
            Rule(selector: selector, declarations: declarations, colour: colour(declarations["color"]),
                 background: colour(declarations["background"] ?? declarations["background-color"]),
                 outline: colour(declarations["outline"]))
        }
    }

    /// The page's background: what `html` or `body` sets.
    var page: SRGBColour? { rules.first { ["html", "body"].contains($0.selector) && $0.background != nil }?.background }

    /// Every background text can sit on: the page's, and each a rule sets without its own text colour.
    var surfaces: [(String, SRGBColour)] {
        [("page", page!)] + rules.filter { $0.background != nil && $0.colour == nil }.map { ($0.selector, $0.background!) }
    }

    /// Each text colour with each background it can be shown on: a rule's own background when it
    /// sets one (the page's text colour on every surface as well), otherwise every surface.
    var pairs: [(rule: Rule, text: SRGBColour, background: SRGBColour, on: String)] {
        var pairs: [(Rule, SRGBColour, SRGBColour, String)] = []
        for rule in rules {
            guard let text = rule.colour else { continue }
            let isPage = ["html", "body"].contains(rule.selector)
            if let background = rule.background { pairs.append((rule, text, background, rule.selector)) }
            if rule.background == nil || isPage {
                for (name, surface) in surfaces where !(isPage && name == "page") { pairs.append((rule, text, surface, name)) }
            }
        }
        return pairs
    }
}

/// WCAG 2.1 AA contrast of the service's and the report's stylesheets, labels on every form field,
/// and a visible keyboard focus (docs/service.md, "Accessibility").
@Suite struct StylesheetContrastTests {
    @Test func theRatioIsWCAGs() throws {
        let black = try #require(SRGBColour(hex: "#000")), white = try #require(SRGBColour(hex: "#ffffff"))
        #expect(black.contrast(with: white) == 21)
        #expect(white.contrast(with: white) == 1)
        // #767676 is the lightest grey that passes 4.5:1 on white; #777777 just fails.
        #expect((try #require(SRGBColour(hex: "#767676")).contrast(with: white) * 100).rounded() / 100 == 4.54)
        #expect((try #require(SRGBColour(hex: "#777")).contrast(with: white) * 100).rounded() / 100 == 4.48)
        #expect(SRGBColour(hex: "blue") == nil && SRGBColour(hex: "#12345") == nil)
    }

    @Test func theReaderFindsEveryColourOfARule() throws {
        let sheet = try StylesheetColours(css: """
            :root { --ink: #111; --panel: #eee; }
            body { color: var(--ink); background: #fff; }
            /* a note { color: #fff } */
            .note { background: var(--panel); }
            .faint { color: #aaa; font-size: 1.5rem; }
            @media print { a { color: inherit; } }
            """)
        #expect(sheet.rules.map(\.selector) == ["body", ".note", ".faint", "a"])
        #expect(sheet.page?.description == "#ffffff")
        #expect(sheet.surfaces.map(\.1.description) == ["#ffffff", "#eeeeee"])
        #expect(sheet.pairs.map { "\($0.rule.selector) \($0.text) on \($0.background)" }
                == ["body #111111 on #ffffff", "body #111111 on #eeeeee", ".faint #aaaaaa on #ffffff", ".faint #aaaaaa on #eeeeee"])
        #expect(sheet.rules[2].isLargeText)
        #expect(!sheet.rules[0].isLargeText)
    }

    @Test(arguments: [("service", Stylesheet.css), ("report", ReportStylesheet.css)])
    func everyTextColourMeetsAAOnEveryBackgroundItCanSitOn(name: String, css: String) throws {
        let sheet = try StylesheetColours(css: css)
        #expect(sheet.page != nil, "\(name): no page background")
        #expect(sheet.pairs.count >= 10, "\(name): \(sheet.pairs.count) pairs")
        for pair in sheet.pairs {
            let needed = pair.rule.isLargeText ? 3.0 : 4.5
            let ratio = pair.text.contrast(with: pair.background)
            #expect(ratio >= needed,
                    "\(name) \(pair.rule.selector): \(pair.text) on \(pair.background) (\(pair.on)) is \(String(format: "%.2f", ratio)):1, needs \(needed):1")
        }
    }

    /// Every control a keyboard reaches shows where the focus is, in a colour 3:1 against the page
    /// (WCAG 2.1 1.4.11 and 2.4.7).
    @Test func keyboardFocusIsVisible() throws {
        let sheet = try StylesheetColours(css: Stylesheet.css)
        let focused = sheet.rules.filter { $0.selector.contains(":focus") && $0.outline != nil }
        for element in ["a", "button", "input", "select", "summary"] {
            let rule = try #require(focused.first { $0.selector.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "\(element):focus" } },
                                    "no focus style for \(element)")
            let ratio = try #require(rule.outline).contrast(with: try #require(sheet.page))
            #expect(ratio >= 3, "\(element):focus outline \(rule.outline!) is \(ratio):1 on the page")
        }
    }
}

extension ServiceSuites {
    /// Every field of every page a role can open has a label: a `<label for>` its id, or a label around it.
    @Suite(.serialized) struct ServiceFormLabelTests {
        /// Unlabelled fields of a page (hidden fields and buttons need none).
        static func unlabelled(_ page: String) throws -> [String] {
            let field = try NSRegularExpression(pattern: "<(input|select|textarea)\\b[^>]*>")
            var problems: [String] = []
            for match in field.matches(in: page, range: NSRange(page.startIndex..., in: page)) {
                let range = Range(match.range, in: page)!
                let tag = String(page[range])
                if tag.contains("type=\"hidden\"") || tag.contains("type=\"submit\"") { continue }
                let before = page[..<range.lowerBound]
                let insideLabel = (before.range(of: "<label", options: .backwards)?.lowerBound).map { open in
                    before.range(of: "</label>", options: .backwards).map { $0.lowerBound < open } ?? true
                } ?? false
                let id = tag.range(of: "id=\"([^\"]+)\"", options: .regularExpression).map { String(tag[$0].dropFirst(4).dropLast()) }
                if insideLabel || id.map({ page.contains("<label for=\"\($0)\"") }) == true { continue }
                problems.append(tag)
            }
            return problems
        }

        @Test func unlabelledFieldsAreFound() throws {
            #expect(try Self.unlabelled("<label for=\"a\">A</label><input id=\"a\"><label><input type=\"checkbox\"> B</label>").isEmpty)
            #expect(try Self.unlabelled("<label>A</label><input id=\"b\" name=\"b\">") == ["<input id=\"b\" name=\"b\">"])
        }

        @Test func everyFieldOfEveryPageHasALabel() async throws {
            let fixture = try ServiceFixture()
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let form = try await client.get("/sign-in", as: .anonymous)
                #expect(try Self.unlabelled(String(buffer: form.body)).isEmpty, "sign-in")
                for name in ["ada", "bea", "dee"] {
                    let visitor = try #require(try await client.signIn(name))
                    for uri in ["/", "/returns", "/upload", "/compare", "/forecast?group=partnership", "/scope", "/downloads", "/account", "/audit"] {
                        let response = try await client.get(uri, as: visitor)
                        guard response.status == .ok else { continue }
                        #expect(try Self.unlabelled(String(buffer: response.body)).isEmpty, "\(name) \(uri)")
                    }
                }
            }
            await fixture.stop()
        }
    }
}
