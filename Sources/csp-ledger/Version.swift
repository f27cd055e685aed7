/// The release this build is, as `csp-ledger --version` prints it: the one place the
/// number is kept. `CHANGELOG.md`'s current section names the same (a test holds them
/// together).
let releaseVersion = "0.4.0"
