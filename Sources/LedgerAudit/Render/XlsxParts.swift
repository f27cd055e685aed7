/// The fixed parts of an Office Open XML workbook (ECMA-376 Part 1, SpreadsheetML):
/// the package's content types and relationships, the workbook and its styles.
///
/// Written out here rather than by a library, so that the workbook holds only what the
/// ledger put in it: no shared formulas, no macros, no external links.
enum XlsxParts {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// `[Content_Types].xml`.
    static func contentTypes(sheets: Int) -> String {
        var out = declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        out += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        out += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        out +=
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        out +=
            "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        for n in 1...sheets {
            out +=
                "<Override PartName=\"/xl/worksheets/sheet\(n).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return out + "</Types>"
    }

    /// `_rels/.rels`: the package's one document is the workbook.
    static let packageRels =
        declaration + "<Relationships xmlns=\"\(packageRelationships)\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"

    /// `xl/workbook.xml`: the sheets in order, by name.
    static func workbook(sheetNames: [String]) -> String {
        var out = declaration + "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationships)\">"
        out += "<bookViews><workbookView/></bookViews><sheets>"
        for (index, name) in sheetNames.enumerated() {
            out += "<sheet name=\"\(XlsxText.escaped(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return out + "</sheets></workbook>"
    }

    /// `xl/_rels/workbook.xml.rels`: each sheet's part, then the styles.
    static func workbookRels(sheets: Int) -> String {
        var out = declaration + "<Relationships xmlns=\"\(packageRelationships)\">"
        for n in 1...sheets {
            out += "<Relationship Id=\"rId\(n)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\(n).xml\"/>"
        }
        return out + "<Relationship Id=\"rId\(sheets + 1)\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/></Relationships>"
    }

    /// `xl/styles.xml`, in the order of ``XlsxSheet/Style``: plain, a bold header, a
    /// date and time, a date, a whole percentage (`40%` for 40), and wrapped text for
    /// cells with line breaks.
    static let styles =
        declaration + "<styleSheet xmlns=\"\(mainNamespace)\">"
        + "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/>"
        + "<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd\"/><numFmt numFmtId=\"166\" formatCode=\"0&quot;%&quot;\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"6\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
        + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
}
