import LedgerAudit
import LedgerCore

/// The pages' one style sheet, inline in every page (no external assets): readable at
/// 360 px wide, a visible focus ring for keyboard users, text colours at 4.5:1 or more
/// on their backgrounds (WCAG 2.2 AA), the reports' RAG palette, and a print style that
/// drops the navigation and the forms.
enum PageStyle {
    static let css: String =
        """
        *, *::before, *::after { box-sizing: border-box; }
        body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 1rem; line-height: 1.5; color: #1a1a1a; background: #fff; margin: 0; }
        a { color: #1f4e99; text-underline-offset: 0.15em; }
        a:hover { color: #0b2c66; }
        :focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; box-shadow: 0 0 0 6px #f6c141; }
        main:focus { outline: none; box-shadow: none; }
        .skip { position: absolute; left: -9999px; top: 0; background: #fff; color: #1f4e99; padding: 0.5rem 1rem; z-index: 10; }
        .skip:focus { left: 0.5rem; top: 0.5rem; }
        header.site { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding: 0.5rem 1rem; border-bottom: 3px solid #1f4e99; }
        header.site p { margin: 0; }
        .brand a { font-weight: bold; color: #1a1a1a; text-decoration: none; }
        header.site nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0; padding: 0; }
        header.site nav a { display: inline-block; padding: 0.4rem 0.2rem; }
        .sign-out { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin-left: auto; }
        .sign-out button { margin: 0; }
        main { max-width: 62rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0; overflow-wrap: anywhere; }
        h2 { font-size: 1.3rem; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid #999; }
        h3 { font-size: 1.1rem; margin: 1rem 0 0.25rem; }
        p { margin: 0.25rem 0 0.5rem; }
        .meta, .hint { color: #4a4a4a; font-weight: normal; }
        .lead { font-size: 1.05rem; }
        code { overflow-wrap: anywhere; }
        .badge { display: inline-block; min-width: 4.5em; text-align: center; padding: 0.05rem 0.5rem; border: 1px solid #1a1a1a; border-radius: 0.25rem; font-weight: bold; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        \(RAG.allCases.map { ".rag-\($0.rawValue) { background: \($0.colours.fill); color: \($0.colours.text); }" }.joined(separator: "\n"))
        ul.summary { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
        ul.actions { list-style: none; padding: 0; margin: 0; }
        ul.actions li { border: 1px solid #999; border-radius: 0.3rem; padding: 0.5rem 0.75rem; margin: 0.5rem 0; break-inside: avoid; }
        .action-title { font-weight: bold; overflow-wrap: anywhere; }
        dl.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.25rem 1.5rem; margin: 0.5rem 0 1rem; }
        dl.facts dt { font-weight: bold; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        .forms { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0 2rem; }
        form.stack .field { margin: 0.75rem 0; }
        form.stack label, legend { display: block; font-weight: bold; }
        fieldset { border: 1px solid #999; padding: 0.25rem 0.75rem 0.5rem; margin: 0; }
        label.choice { display: block; font-weight: normal; padding: 0.2rem 0; }
        input, select, textarea { font: inherit; color: #1a1a1a; background: #fff; padding: 0.4rem; border: 1px solid #4a4a4a; border-radius: 0.2rem; width: 100%; max-width: 100%; min-height: 2.5rem; }
        input[type=checkbox] { width: 1.5rem; min-height: 1.5rem; height: 1.5rem; vertical-align: middle; margin: 0 0.4rem 0 0; }
        button { font: inherit; min-height: 2.75rem; padding: 0.45rem 1rem; background: #1f4e99; color: #fff; border: 2px solid #1f4e99; border-radius: 0.3rem; cursor: pointer; margin: 0.5rem 0; }
        button.secondary { background: #fff; color: #1f4e99; }
        button:hover { background: #0b2c66; border-color: #0b2c66; color: #fff; }
        .invalid input, .invalid select, .invalid textarea, .invalid fieldset { border: 2px solid #9e1b1b; }
        .error { color: #9e1b1b; font-weight: bold; margin: 0.25rem 0; }
        .notice { border-left: 6px solid #1f4e99; background: #eef3fb; padding: 0.5rem 0.75rem; }
        .as-of { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0 1rem; }
        .as-of .field { flex: 1 1 12rem; max-width: 20rem; }
        .buttons { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
        ol.timeline { list-style: none; margin: 0.5rem 0 0 0.5rem; padding: 0; border-left: 3px solid #1f4e99; }
        ol.timeline li { padding: 0 0 0.75rem 1rem; break-inside: avoid; }
        ol.timeline li:target { background: #fff7d6; }
        ol.timeline h3 { margin-top: 0.5rem; }
        figure { margin: 0.5rem 0 1rem; }
        figcaption { font-weight: bold; }
        pre.paste { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9rem; white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #999; padding: 0.5rem; background: #f7f7f7; }
        .position { color: #4a4a4a; margin-top: 1.5rem; overflow-wrap: anywhere; }
        @media print {
          .skip, header.site nav, .sign-out, .sign-in, form, .forms, .crumbs { display: none; }
          body { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          a { color: inherit; text-decoration: none; }
          h2, h3 { break-after: avoid; }
        }
        @page { size: A4; margin: 14mm 12mm; }
        """
}
