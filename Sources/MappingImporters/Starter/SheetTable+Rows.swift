extension SheetTable {
    /// Calls `body` with each data row below the header, blank rows left out: the one way the
    /// starter mapping reads an export, so that it reads a streamed table the same way.
    func forEachDataRow(_ body: (SheetRow) throws -> Void) throws {
        for row in rows { try body(row) }
    }
}
