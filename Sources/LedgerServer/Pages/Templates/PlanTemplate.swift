extension PageTemplates {
    /// The plan by priority, each action with its RAG badge (a word, not colour alone),
    /// and the as-of picker, a GET form.
    static let plan = """
        <h1>{{heading}}</h1>
        <p class="lead">{{asOfLine}}</p>
        <form method="get" action="/" class="as-of" role="search" aria-label="Show the plan as it stood">
        {{#fields}}{{> field}}{{/fields}}
        <div class="buttons"><button type="submit">Show the plan</button>{{#past}} <a href="/">Back to now</a>{{/past}}</div>
        </form>
        {{#publicNotice}}<p class="notice">{{publicNotice}}</p>{{/publicNotice}}
        <h2>RAG summary</h2>
        <ul class="summary">
        {{#summary}}<li><span class="badge rag-{{rag}}">{{word}}</span> {{count}} {{meaning}}</li>
        {{/summary}}
        </ul>
        {{#plans}}
        <section class="plan" aria-labelledby="plan-{{id}}">
        <h2 id="plan-{{id}}">{{title}} <span class="meta">({{id}}, {{period}})</span></h2>
        {{#priorities}}
        <section class="priority" aria-labelledby="priority-{{id}}">
        <h3 id="priority-{{id}}">{{title}} <span class="meta">({{id}}{{#retired}}, retired{{/retired}})</span></h3>
        {{#scope}}<p class="meta">{{scope}}</p>{{/scope}}
        {{#hasActions}}
        <ul class="actions">
        {{#actions}}
        <li>
        <p class="action-title">{{#link}}<a href="{{link}}">{{title}}</a>{{/link}}{{^link}}{{title}}{{/link}} <span class="meta">{{id}}</span></p>
        <p><span class="badge rag-{{rag}}">{{word}}</span> {{status}}{{#percent}}, {{percent}}% done{{/percent}}</p>
        <p class="meta">{{details}}</p>
        </li>
        {{/actions}}
        </ul>
        {{/hasActions}}
        {{^hasActions}}<p class="meta">No actions yet.</p>{{/hasActions}}
        </section>
        {{/priorities}}
        </section>
        {{/plans}}
        {{^plans}}<p>No plan had been adopted by then.</p>{{/plans}}
        <p class="position">{{positionLine}}</p>
        """
}
