// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "socialtime",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "socialtime", targets: ["socialtime"]),
        .library(name: "SocialTimeCore", targets: ["SocialTimeCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The system libsqlite3, found through pkg-config; no SQLite package is vendored.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .target(name: "SocialTimeCore", dependencies: ["CSQLite"]),
        // Knows the concrete stores and opens the one a location names; nothing above it does.
        .target(name: "SocialTimeStores", dependencies: ["SocialTimeCore"]),
        .executableTarget(
            name: "socialtime",
            dependencies: [
                "SocialTimeCore",
                "SocialTimeStores",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SocialTimeCoreTests", dependencies: ["SocialTimeCore"]),
        // Runs the built binary; depending on the executable makes `swift test` build it first.
        .testTarget(name: "EndToEndTests", dependencies: ["socialtime", "SocialTimeCore"]),
    ]
)
