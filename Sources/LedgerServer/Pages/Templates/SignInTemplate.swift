extension PageTemplates {
    /// The sign-in form: one field, the access token a coordinator issued.
    static let signIn = """
        <h1>Sign in</h1>
        <p>Sign in with the access token a coordinator gave you (<code>csp-ledger token issue</code>;
        <code>csp-ledger demo</code> prints two). You stay signed in until you sign out, your token
        ends, or the server restarts.</p>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        <form method="post" action="/sign-in" class="stack" novalidate>
        {{#fields}}{{> field}}{{/fields}}
        <button type="submit">Sign in</button>
        </form>
        """
}
