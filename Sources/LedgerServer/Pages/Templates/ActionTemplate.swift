extension PageTemplates {
    /// One action: where it stands, its forms for whoever may use them, and its history
    /// as a timeline.
    static let action = """
        <p class="crumbs"><a href="/#priority-{{priorityID}}">Plan</a> › {{priorityTitle}}</p>
        <h1>{{title}} <span class="meta">{{id}}</span></h1>
        {{#done}}<p class="notice" role="status">{{done}}</p>{{/done}}
        <p><span class="badge rag-{{rag}}">{{word}}</span> {{status}}{{#percent}}, {{percent}}% done{{/percent}}</p>
        <dl class="facts">
        {{#facts}}<div><dt>{{name}}</dt><dd>{{text}}</dd></div>
        {{/facts}}
        </dl>
        {{#closedLine}}<p class="meta">{{closedLine}}</p>{{/closedLine}}
        {{#hasForms}}<div class="forms">
        {{#forms}}{{> form}}{{/forms}}
        </div>{{/hasForms}}
        <section aria-labelledby="history">
        <h2 id="history">History</h2>
        <p class="meta">{{zoneLine}}</p>
        <ol class="timeline">
        {{#timeline}}
        <li id="event-{{position}}">
        <h3>{{kind}} <span class="meta">event {{position}}</span></h3>
        <p>{{summary}}</p>
        <p class="meta">By {{who}} for {{partner}}. Recorded {{recorded}}{{#effective}}; effective {{effective}}{{/effective}}.</p>
        <p class="meta">{{credentialLine}}</p>
        {{#corrects}}<p>Corrects <a href="#event-{{.}}">event {{.}}</a>.</p>{{/corrects}}
        {{#correctedBy}}<p>Corrected by <a href="#event-{{.}}">event {{.}}</a>.</p>{{/correctedBy}}
        </li>
        {{/timeline}}
        </ol>
        </section>
        """
}
