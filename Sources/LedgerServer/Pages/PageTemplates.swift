import Mustache

/// The pages' swift-mustache templates, kept as constants in the binary (no file is
/// read at run time), one file per page in `Templates/`.
enum PageTemplates {
    /// Every template by the name pages and partials use for it.
    static var all: [String: String] {
        [
            "layout": layout, "field": field, "form": form, "signIn": signIn, "plan": plan, "action": action, "reports": reports,
            "problem": problem,
        ]
    }

    /// The library of all the templates, parsed once.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in all {
            do { try library.register(text, named: name) } catch {
                // The templates are constants of the binary, each rendered by the tests.
                preconditionFailure("the page template \(name) does not parse: \(error)")
            }
        }
        return library
    }()
}
