import Report

/// Escaping for every text that comes from data or a request (names, file names, messages), with the
/// report's rules, and the few form elements every page uses.
enum HTMLText {
    static func escape(_ text: String) -> String { HTML.escape(text) }

    /// `<option>`s, `selected` marking the chosen value.
    static func options(_ choices: [(value: String, label: String)], selected: String?) -> String {
        choices.map { choice in
            "<option value=\"\(escape(choice.value))\"\(choice.value == selected ? " selected" : "")>\(escape(choice.label))</option>"
        }.joined()
    }

    /// The hidden field every form of a session carries.
    static func csrfField(_ token: String?) -> String {
        token.map { "<input type=\"hidden\" name=\"csrf\" value=\"\(escape($0))\">" } ?? ""
    }
}

/// The frame of every page: skip link, header with the account and navigation, main content.
/// No scripts; the stylesheet is the hub's own (`/static/hub.css`).
enum PageLayout {
    struct SignedIn {
        var user: UserAccount
        var csrfToken: String?
    }

    static func document(title: String, signedIn: SignedIn?, body: String, refreshSeconds: Int? = nil) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        if let refreshSeconds { html += "<meta http-equiv=\"refresh\" content=\"\(refreshSeconds)\">" }
        html += "<title>\(HTMLText.escape(title)) · High Needs Hub</title>"
        html += "<link rel=\"stylesheet\" href=\"/static/hub.css\"></head><body>"
        html += "<a class=\"skip\" href=\"#main\">Skip to content</a>"
        html += "<header class=\"site\"><p class=\"brand\"><a href=\"/\">High Needs Hub</a></p>"
        if let signedIn {
            html += navigation(signedIn)
        }
        html += "</header><main id=\"main\">\(body)</main></body></html>\n"
        return html
    }

    static func navigation(_ signedIn: SignedIn) -> String {
        let user = signedIn.user
        var links: [(String, String)] = [("/", "Start")]
        if user.role != .groupViewer { links += [("/returns", "Returns"), ("/upload", "Upload")] }
        links += [("/compare", "Compare"), ("/report", "Report"), ("/forecast", "Forecast"), ("/scope", "Scope"), ("/downloads", "Downloads"), ("/account", "Account")]
        if user.role == .admin { links.append(("/audit", "Audit")) }
        var html = "<nav aria-label=\"Main\"><ul>"
        html += links.map { "<li><a href=\"\($0.0)\">\(HTMLText.escape($0.1))</a></li>" }.joined()
        html += "</ul></nav><form class=\"sign-out\" method=\"post\" action=\"/sign-out\">"
        html += HTMLText.csrfField(signedIn.csrfToken)
        html += "<span>\(HTMLText.escape(user.summary))</span> <button type=\"submit\">Sign out</button></form>"
        return html
    }
}

/// The hub's stylesheet: readable type, high contrast (WCAG 2.1 AA, checked by
/// `StylesheetContrastTests`), a visible keyboard focus (docs/service.md, "Accessibility").
enum Stylesheet {
    static let css = """
    :root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #b1b4b6; --accent: #0b4f8a; --bad: #a4161a; --warn: #7a4d00; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
    a { color: var(--accent); }
    a:focus, button:focus, input:focus, select:focus, summary:focus { outline: 3px solid var(--ink); outline-offset: 2px; }
    a:focus { background: #ffdd00; color: var(--ink); }
    .skip { position: absolute; left: -999px; }
    .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; }
    header.site { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; padding: 8px 24px; border-bottom: 4px solid var(--accent); }
    .brand { margin: 0; font-weight: 700; font-size: 1.2rem; }
    .brand a { text-decoration: none; color: var(--ink); }
    nav ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; margin: 0; padding: 0; }
    form.sign-out { margin-left: auto; display: flex; gap: 8px; align-items: center; color: var(--muted); }
    main { padding: 16px 24px 48px; max-width: 1200px; }
    h1 { font-size: 1.8rem; margin: 8px 0 16px; }
    h2 { font-size: 1.3rem; margin-top: 32px; }
    table { border-collapse: collapse; margin: 8px 0 24px; min-width: 50%; }
    caption { text-align: left; font-weight: 600; padding: 4px 0; }
    th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    label { display: block; font-weight: 600; margin: 12px 0 4px; }
    input[type=text], input[type=password], select { font: inherit; padding: 6px 8px; border: 2px solid var(--ink); min-width: 16em; }
    button { font: inherit; padding: 6px 16px; border: 2px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
    form.sign-out button { background: #fff; color: var(--accent); padding: 2px 10px; }
    .hint { color: var(--muted); margin: 2px 0; }
    .problem, .error { color: var(--bad); font-weight: 600; }
    .warning { color: var(--warn); }
    .drop { display: block; border: 3px dashed var(--accent); padding: 32px; margin: 8px 0 16px; text-align: center; }
    .drop input { display: block; width: 100%; min-height: 5em; margin: 12px 0 0; padding: 1.5em; font: inherit; cursor: pointer; }
    .notice { border-left: 6px solid var(--accent); padding: 4px 12px; background: #f3f6f9; }
    .filters { display: flex; flex-wrap: wrap; gap: 0 24px; align-items: flex-end; }
    .filters button { margin-top: 12px; }
    progress { width: 24em; height: 1.2em; }
    code { font-size: 0.95em; }
    summary { cursor: pointer; font-weight: 600; margin: 12px 0; }
    """
}
