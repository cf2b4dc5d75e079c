import Foundation
import HubKit

/// The self-contained HTML benchmarking report: one file with inline CSS and SVG, no scripts and
/// nothing fetched, so it works opened from disk, attached to an email or printed.
package struct ReportBuilder {
    package let data: ReportData
    package let options: ReportOptions

    package init(data: ReportData, options: ReportOptions) {
        self.data = data
        self.options = options
    }

    /// The whole document.
    package func html() -> String {
        let context = ReportContext(data: data, options: options)
        var sections: [(id: String, title: String, body: String)] = [
            ("headlines", "Headlines", headlines(context)),
            ("comparisons", "How all LAs compare", ChartsSection(context: context).render()),
            ("trends", "Over time", TrendsSection(context: context).render()),
            ("tables", "All indicators by topic", TopicTables(context: context).render()),
            ("sources", "Definitions and sources", DefinitionsSection(context: context).render()),
            ("quality", "Data quality", DataQualitySection(context: context).render()),
        ]
        if let forecast = options.forecast {
            sections.insert(("forecast", "Forecast", ForecastSection(context: context, overview: forecast).render()), at: 3)
        }
        var html = "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        html += "<meta name=\"generator\" content=\"High Needs Hub (hnhub report)\">"
        html += "<title>\(HTML.escape(title(context)))</title><style>\(ReportStylesheet.css)</style></head><body>"
        html += "<header>" + header(context)
        html += "<nav aria-label=\"Contents\"><h2 class=\"contents\">Contents</h2><ol>"
        html += sections.map { "<li><a href=\"#\($0.id)\">\(HTML.escape($0.title))</a></li>" }.joined()
        html += "</ol></nav></header><main>"
        for (number, section) in sections.enumerated() {
            html += "<section class=\"report-section\" id=\"\(section.id)\" aria-labelledby=\"\(section.id)-heading\">"
            html += "<h2 id=\"\(section.id)-heading\">\(number + 1). \(HTML.escape(section.title))</h2>\(section.body)</section>"
        }
        html += "</main><footer><p>Made by High Needs Hub (<code>hnhub report</code>) on \(HTML.escape(timestamp())). "
            + "Figures come from SEN2 returns pooled in the hub and published DfE tables. "
            + "\(DefinitionsSection.openGovernmentLicence)</p></footer></body></html>\n"
        return html
    }

    /// `Bristol (801): SEND benchmarking report`.
    func title(_ context: ReportContext) -> String {
        switch options.scope {
        case .la(let code): return "\(context.title(of: code)): EHCP benchmarking report"
        case .group(let name, _): return "\(name): EHCP benchmarking report"
        case .hub: return "EHCP benchmarking report: all LAs in the hub"
        }
    }

    func header(_ context: ReportContext) -> String {
        var html = "<p class=\"kicker\">High Needs Hub · SEN2 benchmarking</p>"
        html += "<h1>\(HTML.escape(title(context)))</h1>"
        let periods = Set(context.views.map(\.period)).sorted(by: >)
        let periodText = options.period.map { "Period \($0) (census indicators) and the calendar year before" }
            ?? "Latest period of each indicator: \(periods.prefix(4).joined(separator: ", "))"
        html += "<p class=\"meta\">\(HTML.escape(periodText)). Made \(HTML.escape(timestamp())) from "
            + "\(data.returns.count) SEN2 returns of \(Set(data.returns.map(\.laCode)).count) LAs"
            + (data.publishedTables.isEmpty ? "" : " and \(data.publishedTables.count) published DfE tables") + ".</p>"
        if let notice = options.purposeNotice {
            html += "<p class=\"audience purpose\"><strong>Purpose:</strong> \(HTML.escape(notice))</p>"
        }
        if case .group(_, let members) = options.scope {
            html += "<p class=\"meta\">Members: " + HTML.escape(members.map { context.title(of: $0) }.joined(separator: ", ")) + "</p>"
        }
        let threshold = options.suppressionThreshold
        if let own = context.audience.ownLA {
            html += "<p class=\"audience own\"><strong>Own view of \(HTML.escape(context.title(of: own))):</strong> its own figures "
                + "are shown unsuppressed. Do not share this report outside the authority; other LAs' counts of 1 to "
                + "\(threshold - 1), and rates built on them, show as <strong>c</strong>.</p>"
        } else {
            html += "<p class=\"audience\"><strong>Shareable view:</strong> counts of 1 to \(threshold - 1), and rates built on "
                + "them, show as <strong>c</strong>, as do other figures and totals wherever one could otherwise be worked out "
                + "from what the hub shows. Suppressed values are left out of the charts.</p>"
        }
        return html
    }

    func headlines(_ context: ReportContext) -> String {
        var html = "<p class=\"band-key\">Rank 1 is the best by each indicator's direction, among all LAs with a value. "
            + "Quartile band A is the best quarter of LAs, D the worst; context measures are not ranked.</p>"
        if context.scopeLAs.isEmpty { html += "<p>No LAs in scope.</p>" }
        for la in context.scopeLAs { html += HeadlinePanel(context: context, la: la).render() }
        return html
    }

    func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMMM yyyy 'at' HH:mm 'UTC'"
        return formatter.string(from: options.generatedAt)
    }
}
