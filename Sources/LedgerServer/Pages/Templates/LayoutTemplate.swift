extension PageTemplates {
    /// The page around every page's body: the skip link, the header with the navigation
    /// and the signed-in person (and the sign-out button), then the body, which the
    /// renderer made from its own template.
    static let layout = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} – {{partnership}}</title>
        <link rel="icon" href="data:,">
        <style>{{{css}}}</style>
        </head>
        <body>
        <a class="skip" href="#main">Skip to main content</a>
        <header class="site">
        <p class="brand"><a href="/">{{partnership}}</a></p>
        <nav aria-label="Main">
        <ul>
        <li><a href="/">Plan</a></li>
        {{#member}}<li><a href="/reports">Reports and digest</a></li>{{/member}}
        {{^member}}<li><a href="/reports/plan">Plan report</a></li>{{/member}}
        </ul>
        </nav>
        {{#user}}
        <form class="sign-out" method="post" action="/sign-out">
        <p>Signed in as <strong>{{name}}</strong> ({{role}}, {{partner}})</p>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="secondary">Sign out</button>
        </form>
        {{/user}}
        {{^user}}<p class="sign-in"><a href="/sign-in">Sign in</a></p>{{/user}}
        </header>
        <main id="main" tabindex="-1">
        {{{body}}}
        </main>
        </body>
        </html>

        """
}
