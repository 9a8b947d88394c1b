// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Beredning",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bered", targets: ["bered"]),
        .library(name: "BeredningCore", targets: ["BeredningCore"]),
        .library(name: "BeredningStore", targets: ["BeredningStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Only the tests use it: the reference the store's own TOML parser is compared with.
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        // Only the tests use it: exports are read back by a real CSV parser.
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
        // Office files (.xlsx, .docx) are zip archives of XML parts.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // The domain: pure Swift, no files, no terminal.
        .target(name: "BeredningCore"),
        // Reading and writing the store folder (TOML files, atomic writes).
        .target(
            name: "BeredningStore",
            dependencies: ["BeredningCore"]
        ),
        // The bundled criteria texts, UI strings, templates and demo store.
        // Lives in the top-level Resources folder; its one Swift file locates the bundle.
        .target(
            name: "BeredningResources",
            dependencies: ["BeredningCore", "BeredningStore"],
            path: "Resources",
            // The export's JSON Schema is published in the repository, for the systems that read it.
            exclude: ["schema"],
            resources: [
                .copy("criteria.toml"),
                .copy("strings"),
                .copy("templates"),
                .copy("demo"),
            ]
        ),
        // The terminal interface as pure state, update and views, drawn into a screen buffer.
        .target(name: "BeredningTUI", dependencies: ["BeredningCore", "BeredningStore", "BeredningSync"]),
        // ncursesw, linked directly (not via pkg-config, whose flags SwiftPM drops), and the C
        // state of the terminal layer (the signal flag) in its one .c file.
        .target(name: "CNcursesw", linkerSettings: [.linkedLibrary("ncursesw")]),
        // The thin ncurses backend: draws a buffer's changed cells, reads keys, runs effects.
        .target(name: "BeredningTerminal", dependencies: ["BeredningTUI", "BeredningStore", "BeredningExport", "BeredningSync", "CNcursesw"]),
        // Sharing a store between machines through git: commit, pull with rebase, push.
        .target(name: "BeredningSync", dependencies: ["BeredningCore", "BeredningStore"]),
        // Exports for other systems and for people: CSV for Swedish Excel, JSON.
        .target(
            name: "BeredningExport",
            dependencies: ["BeredningCore", "BeredningStore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The application form as a Word document: written as a template, read back when filled in.
        .target(
            name: "BeredningWord",
            dependencies: ["BeredningCore", "BeredningStore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .executableTarget(
            name: "bered",
            dependencies: [
                "BeredningCore", "BeredningStore", "BeredningResources", "BeredningTUI", "BeredningTerminal", "BeredningExport", "BeredningSync", "BeredningWord",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "BeredningCoreTests", dependencies: ["BeredningCore", "BeredningResources"]),
        .testTarget(
            name: "BeredningStoreTests",
            dependencies: ["BeredningCore", "BeredningStore", "BeredningResources", "BeredningExport",
                           .product(name: "SwiftCSV", package: "SwiftCSV"),
                           // The reference the store's own TOML parser is compared with.
                           .product(name: "TOMLKit", package: "TOMLKit")],
            // The malformed-file corpus is read from the source tree by path, not bundled.
            exclude: ["Corpus"]
        ),
        .testTarget(
            name: "BeredningTUITests",
            dependencies: ["BeredningCore", "BeredningStore", "BeredningResources", "BeredningTUI", "BeredningSync"]
        ),
        .testTarget(
            name: "BeredningWordTests",
            dependencies: ["BeredningCore", "BeredningStore", "BeredningResources", "BeredningWord", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "BeredningTerminalTests", dependencies: ["BeredningTerminal", "BeredningTUI"]),
        .testTarget(name: "BeredningSyncTests", dependencies: ["BeredningCore", "BeredningStore", "BeredningResources", "BeredningSync"]),
        .testTarget(
            name: "beredTests",
            dependencies: ["BeredningCore", "BeredningStore", "BeredningResources"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
