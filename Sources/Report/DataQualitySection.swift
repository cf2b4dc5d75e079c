import ComparisonTables

/// Per return in scope: persons stored, persons quarantined (held back from every indicator by
/// errors), error and warning counts and the most frequent rules. Another LA's small counts show
/// as `c`, and its rules without counts (``ReturnCountsShown``, docs/disclosure-control.md).
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
            let shown = ReturnCountsShown(la: item.laCode, persons: item.persons, quarantined: item.quarantined,
                                          errors: item.errors, warnings: item.warnings, ownLA: context.audience.ownLA,
                                          control: context.audience.control)
            for value in [shown.persons, shown.quarantined, shown.errors, shown.warnings] {
                html += "<td class=\"num\">\(value.map { ReportNumbers.plain(Double($0)) } ?? "c")</td>"
            }
            let findings = item.topFindings.prefix(Self.findingsShown).map {
                "\($0.rule) (\($0.severity))" + (shown.showsFindingCounts ? " × \($0.count)" : "")
            }
            let more = item.topFindings.count > Self.findingsShown ? "; \(item.topFindings.count - Self.findingsShown) more rules" : ""
            html += "<td>\(HTML.escape(findings.isEmpty ? "none" : findings.joined(separator: "; ") + more))</td>"
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        return html
    }
}
