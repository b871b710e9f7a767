// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "socialtime",
    // Linux only: the code calls glibc directly (`Glibc.write`, `Glibc.exit`); no Apple platform
    // is declared, and `SocialTimeCore/Platform.swift` stops a build anywhere else.
    products: [
        // Two programs from one commands library: `socialtime` links SQLite only, so a run on a
        // file never loads the PostgreSQL client; for a postgresql:// URL it runs `socialtime-team`
        // (installed beside it), which links both stores.
        .executable(name: "socialtime", targets: ["socialtime"]),
        .executable(name: "socialtime-team", targets: ["socialtime-team"]),
        .library(name: "SocialTimeCore", targets: ["SocialTimeCore"]),
        .library(name: "SocialTimeSQLite", targets: ["SocialTimeSQLite"]),
        .library(name: "SocialTimePostgres", targets: ["SocialTimePostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The team store's client. swift-nio, swift-nio-ssl and swift-log are postgres-nio's own
        // dependencies (no extra build); they are named because the store imports them directly
        // (event loops, TLS configuration, the logger postgres-nio asks for).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    ],
    targets: [
        // The system libsqlite3, found through pkg-config; no SQLite package is vendored.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Rules, model, parsing, rendering, CSV, services: no database.
        .target(name: "SocialTimeCore"),
        // The SQLite store: our thin wrapper of libsqlite3, the schema, the file checks.
        .target(name: "SocialTimeSQLite", dependencies: ["SocialTimeCore", "CSQLite"]),
        // Opens the store a location names: SQLite here, a server store when an executable registers one.
        .target(name: "SocialTimeStores", dependencies: ["SocialTimeCore", "SocialTimeSQLite"]),
        // The PostgreSQL store as the server store `socialtime-team` registers.
        .target(name: "SocialTimeTeamStore", dependencies: ["SocialTimeStores", "SocialTimeCore", "SocialTimePostgres"]),
        // Every command, one thin file each; never names a store.
        .target(
            name: "SocialTimeCommands",
            dependencies: [
                "SocialTimeCore",
                "SocialTimeStores",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "socialtime",
            dependencies: ["SocialTimeCommands", "SocialTimeStores"],
            // Start-up, for the release build as install.sh makes it (issue 21): one static executable,
            // the Swift runtime, glibc and the system's libsqlite3 (libsqlite3-dev's libsqlite3.a, the
            // same SQLite as libsqlite3.so) inside it. The dynamic loader then has nothing to load or
            // relocate: no libstdc++ (the static Swift runtime's 1,666 symbol bindings), no libsqlite3
            // symbols to look up, no relocated pages to copy — a one-entry `log` 7.5 M -> 4.2 M
            // instructions (the sqlite3 CLI's INSERT: 3.6 M), `--version` 3.7 M -> 0.6 M, 430 -> 340 page
            // faults. The prices: not position-independent (its code is not at a random address, as Go
            // builds its programs by default); a SQLite security update reaches it when it is rebuilt
            // (scripts/install.sh again), not with the shared library; and the login's name still comes
            // from glibc's NSS (getpwuid), which a static glibc reads through the NSS modules of the
            // glibc it was built with (`files` is inside glibc; others, such as systemd's or sssd's, are
            // loaded): rebuild after a glibc major upgrade. The debug build (swift test) and
            // socialtime-team are linked as the toolchain makes them.
            linkerSettings: [.unsafeFlags(["-static-executable"], .when(configuration: .release))]
        ),
        .executableTarget(name: "socialtime-team", dependencies: ["SocialTimeCommands", "SocialTimeStores", "SocialTimeTeamStore"]),
        // The PostgreSQL team store: connection settings, the connection, the schema and its security.
        .target(
            name: "SocialTimePostgres",
            dependencies: [
                "SocialTimeCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fresh PostgreSQL databases for the tests of every target (through psql, as the superuser).
        .target(name: "PostgresScratch", path: "Tests/PostgresScratch"),
        // The rule tests run on a SQLite file and on a fresh PostgreSQL database.
        .testTarget(name: "SocialTimeCoreTests", dependencies: ["SocialTimeCore", "SocialTimeSQLite", "SocialTimePostgres", "PostgresScratch"]),
        // Settings resolution always runs; the tests against a server need SOCIALTIME_TEST_POSTGRES_URL.
        .testTarget(name: "SocialTimePostgresTests", dependencies: ["SocialTimePostgres", "SocialTimeCore", "PostgresScratch"]),
        // Every DataStore method on both stores with the same inputs, and the two schemas compared.
        .testTarget(name: "StoreConformanceTests", dependencies: ["SocialTimeCore", "SocialTimeSQLite", "SocialTimePostgres", "PostgresScratch"]),
        // Runs the built binaries; depending on the executables makes `swift test` build them first.
        .testTarget(name: "EndToEndTests", dependencies: ["socialtime", "socialtime-team", "SocialTimeCommands", "SocialTimeTeamStore",
                                                          "SocialTimeStores", "SocialTimeCore", "SocialTimeSQLite", "PostgresScratch"]),
    ]
)
