import ComparisonTables

/// Per return in scope: persons stored, persons quarantined (held back from every indicator by
/// errors), error and warning counts and the most frequent rules. Small quarantine counts of
/// another LA show as `c`.
struct DataQualitySection {
    let context: ReportContext
    static let findingsShown = 3

    func render() -> String {
        let scope = Set(context.scopeLAs)
        let returns = context.data.returns.filter { scope.contains($0.laCode) }
            .sorted { ($0.laCode, -$0.collectionYear) < ($1.laCode, -$1.collectionYear) }
        var html = "<p>Validation runs on every return as it is imported. Persons with errors are quarantined: stored apart "
            + "and left out of every indicator, so an LA's figures can be lower than its own return suggests. "
            + "Warnings do not hold records back. <code>hnhub returns --findings ID</code> lists the findings of one import.</p>"
        guard !returns.isEmpty else {
            return html + "<p>The hub holds no SEN2 returns for the LAs in this report: their figures, if any, come from published tables.</p>"
        }
        let several = scope.count > 1
        var headers = several ? ["LA"] : []
        headers += ["Collection", "Census date", "File", "Import", "Imported", "Persons", "Quarantined", "Errors", "Warnings",
                    "Most frequent findings"]
        html += "<div class=\"table-wrap\"><table class=\"quality\"><caption>Returns in scope and what validation found</caption><thead><tr>"
        html += headers.map { h in
            "<th scope=\"col\"\(["Persons", "Quarantined", "Errors", "Warnings"].contains(h) ? " class=\"num\"" : "")>\(h)</th>"
        }.joined() + "</tr></thead><tbody>"
        for item in returns {
            html += "<tr>"
            if several { html += "<td>\(HTML.escape(context.title(of: item.laCode)))</td>" }
            html += "<th scope=\"row\">\(item.collectionYear)</th>"
            html += "<td>\(HTML.escape(item.censusDate ?? ""))</td>"
            html += "<td class=\"file\">\(HTML.escape(DefinitionsSection.fileName(item.sourceName)))</td>"
            html += "<td>#\(item.importID)</td><td>\(HTML.escape(String(item.importedAt.prefix(10))))</td>"
            html += "<td class=\"num\">\(ReportNumbers.plain(Double(item.persons)))</td>"
            html += "<td class=\"num\">\(count(item.quarantined, la: item.laCode))</td>"
            html += "<td class=\"num\">\(ReportNumbers.plain(Double(item.errors)))</td>"
            html += "<td class=\"num\">\(ReportNumbers.plain(Double(item.warnings)))</td>"
            let findings = item.topFindings.prefix(Self.findingsShown).map { "\($0.rule) (\($0.severity)) × \($0.count)" }
            let more = item.topFindings.count > Self.findingsShown ? "; \(item.topFindings.count - Self.findingsShown) more rules" : ""
            html += "<td>\(HTML.escape(findings.isEmpty ? "none" : findings.joined(separator: "; ") + more))</td>"
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        return html
    }

    /// A count of children: `c` when small and not the reader's own LA.
    func count(_ value: Int, la: String) -> String {
        let audience = context.audience
        if audience.ownLA != la, audience.control.isSmall(Double(value)) { return "c" }
        return ReportNumbers.plain(Double(value))
    }
}
