/// The forger of the attack tests: a Python script (arguments: the ledger, `Tools/`, and
/// any the edit reads) that drops the file's protective triggers, makes an edit to the
/// events, chains every hash anew and puts the triggers back, as someone with the file
/// and the published hashing rules could.
enum Forgery {
    /// The script around `edit`, Python lines that may use `db` (the connection, rows
    /// by name), `v` (Tools/verify_ledger.py), `json` and `sys`.
    static func script(edit: String) -> String {
        """
        import json, sqlite3, sys
        sys.path.insert(0, sys.argv[2])
        import verify_ledger as v
        db = sqlite3.connect(sys.argv[1]); db.row_factory = sqlite3.Row
        triggers = [r[0] for r in db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")]
        for name in [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]:
            db.execute("DROP TRIGGER " + name)
        \(edit)
        prev = v.GENESIS
        for row in db.execute("SELECT * FROM events ORDER BY position").fetchall():
            h = v.hashlib.sha256((prev + v.envelope(row)).encode()).hexdigest()
            db.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE position = ?", (prev, h, row["position"]))
            prev = h
        for sql in triggers:
            db.execute(sql)
        db.commit()
        """
    }
}
