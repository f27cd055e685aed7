extension PageTemplates {
    /// The reports to open or print, and the digest (with the latest witnessed
    /// checkpoint) as text to paste into committee papers.
    static let reports = """
        <h1>Reports and digest</h1>
        <section aria-labelledby="plan-report">
        <h2 id="plan-report">Plan report</h2>
        <p>The plan status report: each priority's actions, the RAG summary, and RAG counts quarter by quarter.</p>
        <form method="get" action="/reports/plan" class="stack inline">
        {{#planFields}}{{> field}}{{/planFields}}
        <button type="submit">Open the plan report</button>
        </form>
        </section>
        <section aria-labelledby="governance-report">
        <h2 id="governance-report">Governance report</h2>
        <p>Who changed what in a period: credentialed and declared writes, back-dated changes, corrections, stale actions.</p>
        <form method="get" action="/reports/governance" class="stack inline">
        {{#governanceFields}}{{> field}}{{/governanceFields}}
        <button type="submit">Open the governance report</button>
        </form>
        </section>
        <section aria-labelledby="digest">
        <h2 id="digest">Digest</h2>
        <p>The ledger's head now. Anyone with a copy of the ledger can check that it holds this
        (<code>csp-ledger verify --digest</code>); paste it into committee papers as it is.</p>
        <figure><figcaption id="digest-caption">For committee papers</figcaption>
        <pre class="paste" id="digest-text" tabindex="0">{{digestParagraph}}</pre></figure>
        {{#checkpoint}}
        <h3>Latest witnessed checkpoint</h3>
        <p>{{summary}}, at position {{size}}.</p>
        <figure><figcaption id="checkpoint-caption">The cosigned checkpoint</figcaption>
        <pre class="paste" id="checkpoint-text" tabindex="0">{{note}}</pre></figure>
        {{/checkpoint}}
        {{^checkpoint}}<p class="meta">No checkpoint has been witnessed yet.</p>{{/checkpoint}}
        </section>
        """

    /// A refusal or a failure, as a page.
    static let problem = """
        <h1>{{heading}}</h1>
        <p>{{message}}</p>
        <p><a href="/">Back to the plan</a></p>
        """
}
