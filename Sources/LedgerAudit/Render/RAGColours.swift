import LedgerCore

extension RAG {
    /// This colour's fill and the text colour that reads on it at 4.5:1 or more, from the
    /// reports' palette, so the server's pages and the reports show one RAG the same way.
    public var colours: (fill: String, text: String) {
        let entry = HTML.palette.first { $0.rag == self }!
        return (entry.fill, entry.text)
    }

    /// `Red`, `Amber` …: the word a badge carries, so colour is never the only signal.
    public var word: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
