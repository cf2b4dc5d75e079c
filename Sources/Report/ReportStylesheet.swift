/// The report's CSS: system fonts, high contrast, tables and charts that fit the page, and a print
/// layout (A4, each major section on a new page, nothing split across pages where avoidable).
enum ReportStylesheet {
    static let css = """
    :root { --ink: #1b1b1b; --muted: #4a4f57; --rule: #c9ced6; --panel: #f4f6f8; --accent: #14284b; }
    * { box-sizing: border-box; }
    html { font-family: \(SVG.fontFamily); color: var(--ink); background: #fff; }
    body { margin: 0 auto; max-width: 1100px; padding: 24px 28px 48px; line-height: 1.45; font-size: 15px; }
    h1 { font-size: 1.9rem; margin: 0.2rem 0 0.4rem; color: var(--accent); line-height: 1.2; }
    h2 { font-size: 1.45rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.3rem; border-bottom: 3px solid var(--accent); color: var(--accent); }
    h3 { font-size: 1.15rem; margin: 1.6rem 0 0.5rem; }
    h4 { font-size: 0.82rem; margin: 0 0 0.35rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
    p { margin: 0.4rem 0; }
    code { font-size: 0.85em; background: var(--panel); padding: 0 0.2em; border-radius: 3px; }
    a { color: var(--accent); }
    .kicker { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin: 0; }
    .meta { color: var(--muted); }
    .audience { border: 2px solid var(--ink); padding: 0.5rem 0.8rem; margin: 0.8rem 0; background: var(--panel); }
    .audience.own { border-style: double; border-width: 4px; }
    nav ol { columns: 2; margin: 0.3rem 0; padding-left: 1.4rem; }
    .panel { border: 1px solid var(--rule); border-radius: 6px; padding: 0.4rem 1rem 1rem; margin: 1rem 0; break-inside: avoid; }
    .panel h3 { margin-top: 0.6rem; }
    .panel-meta { color: var(--muted); font-size: 0.88rem; }
    .tiles { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.75rem; margin-top: 0.6rem; }
    .tile { border: 1px solid var(--rule); border-left: 5px solid var(--accent); border-radius: 4px; padding: 0.6rem 0.75rem;
            background: #fff; break-inside: avoid; }
    .tile p { margin: 0.15rem 0; font-size: 0.86rem; }
    .tile .tile-value { font-size: 1.9rem; font-weight: 700; line-height: 1.1; margin: 0.1rem 0 0.25rem; color: var(--accent); }
    .tile-value .unit { font-size: 0.9rem; font-weight: 600; color: var(--muted); }
    .tile-rank strong { font-size: 1rem; }
    .band { display: inline-block; border: 2px solid var(--ink); border-radius: 3px; padding: 0 0.35em; font-weight: 700; }
    .tile-what { color: var(--muted); }
    .tile-context { color: var(--ink); }
    .tile-note { color: var(--muted); font-style: italic; }
    .tile-missing, .missing { color: #7a2e0e; font-style: italic; }
    .band-key { font-size: 0.85rem; color: var(--muted); }
    figure.chart-figure { margin: 1.2rem 0 1.8rem; break-inside: avoid; }
    figcaption { font-weight: 600; margin-bottom: 0.4rem; }
    .figure-number { color: var(--accent); }
    .polarity { font-weight: 400; color: var(--muted); }
    svg.chart { display: block; width: 100%; max-width: 980px; height: auto; }
    .chart-note { font-size: 0.85rem; color: var(--muted); max-width: 980px; }
    /* A table wider than the page scrolls sideways; shadows at the edges that have more columns
       beyond them say so (the covers scroll with the table, the shadows stay at the edges). */
    .table-wrap { overflow-x: auto; margin: 0.8rem 0 1.4rem;
      background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left / 40px 100% no-repeat local,
                  linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right / 40px 100% no-repeat local,
                  radial-gradient(farthest-side at 0 50%, rgba(0,0,0,0.28), rgba(0,0,0,0)) left / 14px 100% no-repeat scroll,
                  radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,0.28), rgba(0,0,0,0)) right / 14px 100% no-repeat scroll; }
    .scroll-hint { display: none; }
    @media (max-width: 1100px) { .wide .scroll-hint { display: inline; } }
    table { border-collapse: collapse; width: 100%; font-size: 0.84rem; }
    caption { text-align: left; font-weight: 700; font-size: 1rem; padding: 0.3rem 0; caption-side: top; }
    th, td { border-bottom: 1px solid var(--rule); padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; }
    thead th { border-bottom: 2px solid var(--ink); background: var(--panel); font-weight: 700; }
    tbody th { font-weight: 600; }
    tbody + tbody { border-top: 1px solid #9aa1ab; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .suppressed { font-weight: 700; }
    table.topic tbody th:first-child { min-width: 15em; }
    .caption-note { display: block; font-weight: 400; font-size: 0.8rem; color: var(--muted); }
    .unit-note { display: block; font-weight: 400; color: var(--muted); font-size: 0.78rem; }
    .source-mark { font-size: 0.75rem; color: var(--muted); }
    td.file { word-break: break-all; }
    .licence { margin-top: 1rem; font-size: 0.9rem; }
    footer { margin-top: 2.5rem; font-size: 0.8rem; color: var(--muted); border-top: 1px solid var(--rule); padding-top: 0.6rem; }
    @media (max-width: 760px) { .tiles { grid-template-columns: repeat(2, minmax(0, 1fr)); } nav ol { columns: 1; } }
    @page { size: A4; margin: 14mm 12mm; }
    @media print {
      html { font-size: 10pt; }
      body { max-width: none; padding: 0; font-size: 10pt; }
      section.report-section { break-before: page; }
      section.report-section:first-of-type { break-before: auto; }
      h2, h3, caption, figcaption { break-after: avoid; }
      .panel, .tile, figure.chart-figure, tr { break-inside: avoid; }
      .table-wrap { overflow: visible; background: none; }
      .scroll-hint { display: none !important; }
      thead { display: table-header-group; }
      a { color: inherit; text-decoration: none; }
      .tiles { grid-template-columns: repeat(3, minmax(0, 1fr)); }
    }
    """
}
