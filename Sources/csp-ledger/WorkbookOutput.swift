import LedgerAudit

extension OutputFileOptions {
    /// Writes `workbook` to the `--output` file.
    ///
    /// A workbook is a zip of XML parts: on a terminal it would be noise, and in a pipe
    /// it is better written to a file than through a shell's redirection, which leaves
    /// half a file when a command fails. So it is refused without `--output`, before
    /// anything is written.
    /// - Throws: ``CommandLineError`` `.usage` (exit 64) without `--output`; what the
    ///   workbook's assembly throws (``LedgerCore/LedgerError`` for a table too long for a sheet).
    func writeWorkbook(to out: LineWriter, _ workbook: () -> XlsxWorkbook) throws {
        guard output != nil else {
            throw CommandLineError(
                .usage, "--format xlsx writes a workbook file; give --output FILE.xlsx (it is never written to standard output)")
        }
        try out.bytes(workbook().data())
    }
}
