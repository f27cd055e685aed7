import LedgerDemo
import LedgerStore
import LedgerTestSupport

/// One demo ledger shared by the audit tests: building it takes a second or two.
let demoDirectory = TemporaryDirectory()
let demoLedger: Ledger = try! DemoLedger.create(at: demoDirectory.file("demo.sqlite"))
