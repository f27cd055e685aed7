// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "csp-ledger",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "csp-ledger", targets: ["csp-ledger"]),
        .library(name: "CanonicalJSON", targets: ["CanonicalJSON"]),
        .library(name: "LedgerCore", targets: ["LedgerCore"]),
        .library(name: "LedgerStore", targets: ["LedgerStore"]),
        .library(name: "LedgerAudit", targets: ["LedgerAudit"]),
        .library(name: "LedgerServer", targets: ["LedgerServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        // The partnership server (LedgerServer): HTTP, templates, metrics, request logs.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        // The web pages' templates (LedgerServer/Pages), rendered on the server.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // `swift package generate-documentation`, for the LedgerStore catalog (README, Development).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
        // The zip container of `--format xlsx` workbooks (LedgerAudit writes the parts inside it).
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // Strict JSON, its canonical form and check, coders and pretty printer. Knows nothing of the ledger.
        .target(name: "CanonicalJSON"),
        // Pure domain: ids, events, commands, the fold, time rules, the Merkle tree and signed notes. No I/O.
        .target(name: "LedgerCore", dependencies: ["CanonicalJSON", .product(name: "Crypto", package: "swift-crypto")]),
        // The system's zlib, for compact snapshots (named apart from ZIPFoundation's own CZlib module).
        .systemLibrary(name: "CSystemZlib", providers: [.apt(["zlib1g-dev"])]),
        // SQLite: schema, append, hash chain, projections, verify.
        .target(
            name: "LedgerStore",
            dependencies: [
                "CanonicalJSON", "LedgerCore", "CSystemZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Queries over the log (as-of state, history, who-changed-what), plan files, renderers.
        .target(
            name: "LedgerAudit",
            dependencies: [
                "CanonicalJSON", "LedgerCore", "LedgerStore", .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The HTTP API and web pages over the same library calls as the command line (`csp-ledger serve`).
        .target(
            name: "LedgerServer",
            dependencies: [
                "CanonicalJSON", "LedgerCore", "LedgerStore", "LedgerAudit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The deterministic two-year Canterbury ledger behind `csp-ledger demo`.
        .target(
            name: "LedgerDemo",
            dependencies: ["LedgerCore", "LedgerStore", "LedgerAudit"],
            resources: [.copy("canterbury-2022-23.yaml")]
        ),
        .executableTarget(
            name: "csp-ledger",
            dependencies: [
                "CanonicalJSON", "LedgerCore", "LedgerStore", "LedgerAudit", "LedgerDemo", "LedgerServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A deterministic ledger of any size, for measuring (Tools/LedgerGenerator).
        .executableTarget(
            name: "csp-ledger-generate", dependencies: ["LedgerCore", "LedgerStore", "LedgerWorkload"], path: "Tools/LedgerGenerator"),
        // The seeded workload that the generator writes and the benchmark measures (Tools/Workload).
        .target(name: "LedgerWorkload", dependencies: ["LedgerCore", "LedgerStore", "LedgerTestSupport"], path: "Tools/Workload"),
        // The benchmark, with a plain-SQLite baseline in the same run (Tools/Bench); build with -c release.
        .executableTarget(
            name: "csp-ledger-bench",
            dependencies: [
                "LedgerCore", "LedgerStore", "LedgerAudit", "LedgerWorkload", .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/Bench"
        ),
        // One of several concurrent writers, for the end-to-end tests (Tools/StressWriter).
        .executableTarget(name: "ledger-stress-writer", dependencies: ["LedgerCore", "LedgerStore"], path: "Tools/StressWriter"),
        // The fuzzing harness, and the replay of its corpus (Tools/Fuzz, Tools/fuzz).
        .executableTarget(
            name: "csp-ledger-fuzz", dependencies: ["CanonicalJSON", "LedgerCore", "LedgerStore", "LedgerAudit"], path: "Tools/Fuzz"),
        // Fixtures and temporary ledgers for tests; production code never imports it.
        .target(name: "LedgerTestSupport", dependencies: ["LedgerCore", "LedgerStore", "LedgerAudit"]),
        .testTarget(name: "CanonicalJSONTests", dependencies: ["CanonicalJSON"]),
        .testTarget(name: "LedgerCoreTests", dependencies: ["CanonicalJSON", "LedgerCore", "LedgerStore", "LedgerTestSupport"]),
        .testTarget(
            name: "LedgerStoreTests",
            dependencies: ["LedgerCore", "LedgerStore", "LedgerTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "LedgerAuditTests",
            dependencies: [
                "CanonicalJSON", "LedgerCore", "LedgerStore", "LedgerAudit", "LedgerDemo", "LedgerTestSupport", "LedgerWorkload",
            ]
        ),
        .testTarget(
            name: "LedgerServerTests",
            dependencies: [
                "CanonicalJSON", "LedgerCore", "LedgerStore", "LedgerAudit", "LedgerServer", "LedgerTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "csp-ledger", "ledger-stress-writer", "csp-ledger-fuzz", "csp-ledger-bench", "csp-ledger-generate", "CanonicalJSON",
                "LedgerCore", "LedgerStore", "LedgerTestSupport",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
