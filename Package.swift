// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Bantin",
    // Linux only, so no Apple platform is claimed: the preview watches files with inotify and the code is built and
    // tested on Linux alone. The system calls on files are in FileIO, which has Darwin branches, should that change.
    products: [
        .executable(name: "bantin", targets: ["bantin"]),
        .library(name: "BantinSite", targets: ["Site"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // `bantin serve` only: a small HTTP server with no dependencies of its own (about 25 s to build from clean).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // The C boundary: only Markup imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // Every escaper (HTML, XML, JSON, URL), each written once: used by Markup, Templating, Search, Site and Preview.
        .target(name: "Escaping", swiftSettings: strict),
        .target(name: "Markup", dependencies: ["CCmark", "Escaping"], swiftSettings: strict),
        // The system calls on files (descriptors, pread/write, rename, links, stamps, directory listings), in one place.
        .target(name: "FileIO", swiftSettings: strict),
        .target(name: "Vietnamese", swiftSettings: strict),
        .target(name: "Documents", dependencies: ["Vietnamese"], swiftSettings: strict),
        .target(
            name: "Archive",
            dependencies: ["Vietnamese", "Documents", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // `bantin new`: a new site folder and new articles.
        .target(name: "Starter", dependencies: ["Vietnamese"], swiftSettings: strict),
        .target(name: "Import", dependencies: ["Vietnamese", "Documents"], swiftSettings: strict),
        .target(name: "Search", dependencies: ["Vietnamese", "Escaping"], swiftSettings: strict),
        // The default theme: Templates/ (through the link Sources/Templating/DefaultTheme) compiled into the binary.
        .target(name: "Templating", dependencies: ["Escaping"], resources: [.embedInCode("DefaultTheme")], swiftSettings: strict),
        .target(
            name: "Site",
            dependencies: ["FileIO", "Escaping", "Markup", "Vietnamese", "Documents", "Archive", "Templating", "Search"],
            swiftSettings: strict
        ),
        .target(
            name: "Preview",
            dependencies: ["Site", "Templating", "FileIO", "Escaping", .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "bantin",
            dependencies: ["Site", "Documents", "Archive", "Import", "Preview", "Starter", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        // `make bench` only: micro-benchmarks of the recogniser and the cmark wrapper.
        .executableTarget(
            name: "bantin-bench",
            dependencies: ["Documents", "Markup", "Vietnamese", "Archive", "Search"],
            path: "Benchmarks/bantin-bench",
            swiftSettings: strict
        ),
        // `make fuzz` only: libFuzzer targets (built with -sanitize=fuzzer -DFUZZING; without, each replays the files it is given).
        .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport", swiftSettings: strict),
        .executableTarget(name: "FuzzFrontMatter", dependencies: ["FuzzSupport", "Archive"], path: "Fuzz/FuzzFrontMatter", swiftSettings: strict),
        .executableTarget(name: "FuzzTemplates", dependencies: ["FuzzSupport", "Templating"], path: "Fuzz/FuzzTemplates", swiftSettings: strict),
        .executableTarget(name: "FuzzMarkup", dependencies: ["FuzzSupport", "Markup"], path: "Fuzz/FuzzMarkup", swiftSettings: strict),
        .executableTarget(name: "FuzzRecogniser", dependencies: ["FuzzSupport", "Documents"], path: "Fuzz/FuzzRecogniser", swiftSettings: strict),
        .executableTarget(name: "FuzzImport", dependencies: ["FuzzSupport", "Import"], path: "Fuzz/FuzzImport", swiftSettings: strict),
        .testTarget(name: "EscapingTests", dependencies: ["Escaping"], swiftSettings: strict),
        .testTarget(name: "MarkupTests", dependencies: ["Markup"], swiftSettings: strict),
        .testTarget(name: "VietnameseTests", dependencies: ["Vietnamese"], swiftSettings: strict),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents"], swiftSettings: strict),
        .testTarget(name: "ArchiveTests", dependencies: ["Archive", "Documents", "Vietnamese"], swiftSettings: strict),
        .testTarget(name: "StarterTests", dependencies: ["Starter", "Site", "Vietnamese", .product(name: "Yams", package: "Yams")],
                    swiftSettings: strict),
        .testTarget(name: "ImportTests", dependencies: ["Import", "Site", "Vietnamese"], swiftSettings: strict),
        // swift-mustache is the reference implementation Bantin's renderer is checked against.
        .testTarget(name: "TemplatingTests", dependencies: ["Templating", "Site", "Archive", .product(name: "Mustache", package: "swift-mustache")],
                    swiftSettings: strict),
        .testTarget(name: "SearchTests", dependencies: ["Search", "Vietnamese"], swiftSettings: strict),
        // Runs the built `bantin` binary: exit status and messages of every subcommand.
        .testTarget(name: "CLITests", swiftSettings: strict),
        // `bantin check` over small sites: problems at path:line:col, exit conditions, nothing written.
        .testTarget(name: "CheckTests", dependencies: ["Site", "Markup"], swiftSettings: strict),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "Site"], swiftSettings: strict),
        .testTarget(name: "SiteTests", dependencies: ["Site", "FileIO", "Markup", "Archive", "Documents", "Templating", "Vietnamese", "Search", "Preview"],
                    swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
