extension PageTemplates {
    /// One field of a form: its label, its hint, its error (beside it, and named by the
    /// control's `aria-describedby`), and the control keeping what was typed.
    static let field = """
        <div class="field{{#error}} invalid{{/error}}">
        {{#isChoices}}
        <fieldset{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}>
        <legend>{{label}}</legend>
        {{#hint}}<p class="hint" id="{{id}}-hint">{{hint}}</p>{{/hint}}
        {{#error}}<p class="error" id="{{id}}-error">Error: {{error}}</p>{{/error}}
        {{#options}}<label class="choice"><input type="checkbox" name="{{name}}" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>
        {{/options}}
        </fieldset>
        {{/isChoices}}
        {{^isChoices}}
        <label for="{{id}}">{{label}}</label>
        {{#hint}}<p class="hint" id="{{id}}-hint">{{hint}}</p>{{/hint}}
        {{#error}}<p class="error" id="{{id}}-error">Error: {{error}}</p>{{/error}}
        {{#isSelect}}<select id="{{id}}" name="{{name}}"{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}{{#error}} aria-invalid="true"{{/error}}>
        {{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
        {{/options}}
        </select>{{/isSelect}}
        {{#isTextarea}}<textarea id="{{id}}" name="{{name}}" rows="3"{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}{{#error}} aria-invalid="true"{{/error}}>{{value}}</textarea>{{/isTextarea}}
        {{#isInput}}<input id="{{id}}" name="{{name}}" type="{{type}}" value="{{value}}"{{#numeric}} inputmode="numeric"{{/numeric}}{{#autocomplete}} autocomplete="{{autocomplete}}"{{/autocomplete}}{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}{{#error}} aria-invalid="true"{{/error}}>{{/isInput}}
        {{/isChoices}}
        </div>
        """

    /// A form of the action page, posting to its own address with the session's CSRF
    /// token, the version of the action it was drawn from, and its idempotency key.
    static let form = """
        <section class="form" id="{{id}}" aria-labelledby="{{id}}-title">
        <h2 id="{{id}}-title">{{title}}</h2>
        {{#formError}}<p class="error" role="alert" id="{{id}}-form-error">Error: {{formError}}</p>{{/formError}}
        <form method="post" action="{{action}}#{{id}}" class="stack" novalidate>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="version" value="{{version}}">
        <input type="hidden" name="key" value="{{key}}">
        {{#fields}}{{> field}}{{/fields}}
        <button type="submit">{{submit}}</button>
        </form>
        </section>
        """
}
