// swift-tools-version: 6.1
import PackageDescription

// Module layout: see docs/architecture.md. Arrows point down only:
// PackBasics, PackJSON → PackSchema → PackModel → PackLoading, PackGraph, PackRuntime → PackKernel
// → PackState, PackMCP, PackWebUI → PackHTTP → PackCommands → quiver.
let package = Package(
    name: "Quiver",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "quiver", targets: ["quiver"]),
        .executable(name: "quiver-bench", targets: ["QuiverBench"]),
        .library(name: "PackBasics", targets: ["PackBasics"]),
        .library(name: "PackJSON", targets: ["PackJSON"]),
        .library(name: "PackSchema", targets: ["PackSchema"]),
        .library(name: "PackModel", targets: ["PackModel"]),
        .library(name: "PackLoading", targets: ["PackLoading"]),
        .library(name: "PackGraph", targets: ["PackGraph"]),
        .library(name: "PackRuntime", targets: ["PackRuntime"]),
        .library(name: "PackKernel", targets: ["PackKernel"]),
        .library(name: "PackState", targets: ["PackState"]),
        .library(name: "PackMCP", targets: ["PackMCP"]),
        .library(name: "PackHTTP", targets: ["PackHTTP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/swiftwasm/WasmKit", exact: "0.4.2", traits: ["MultiThread"]),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        .target(name: "PackBasics"),
        .target(name: "CQuiverSystem"),
        .target(name: "PackJSON"),
        .target(name: "PackSchema", dependencies: ["PackJSON"]),
        .target(name: "PackModel", dependencies: ["PackBasics", "PackJSON"]),
        .target(
            name: "PackLoading",
            dependencies: [
                "PackBasics", "PackJSON", "PackSchema", "PackModel",
                .product(name: "Yams", package: "Yams"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .target(name: "PackGraph", dependencies: ["PackBasics", "PackJSON", "PackSchema", "PackModel"]),
        .target(
            name: "PackRuntime",
            dependencies: [
                "PackBasics", "PackJSON", "PackModel",
                .product(name: "WasmKit", package: "WasmKit"),
                .product(name: "WasmKitWASI", package: "WasmKit"),
            ]
        ),
        .target(
            name: "PackKernel",
            dependencies: ["PackBasics", "PackJSON", "PackSchema", "PackModel", "PackLoading", "PackGraph", "PackRuntime", "CQuiverSystem"]
        ),
        .target(
            name: "PackState",
            dependencies: ["PackBasics", "PackJSON", "PackKernel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "PackMCP",
            dependencies: [
                "PackBasics", "PackJSON", "PackSchema", "PackModel", "PackLoading", "PackKernel", "CQuiverSystem",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "PackWebUI"),
        .target(
            name: "PackHTTP",
            dependencies: [
                "PackBasics", "PackJSON", "PackSchema", "PackModel", "PackKernel", "PackState", "PackMCP", "PackWebUI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PackCommands",
            dependencies: [
                "PackBasics", "PackJSON", "PackSchema", "PackModel", "PackLoading", "PackKernel",
                "PackState", "PackMCP", "PackHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "quiver",
            dependencies: ["PackCommands", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "QuiverBench",
            dependencies: [
                "PackBasics", "PackJSON", "PackSchema", "PackModel", "PackLoading", "PackKernel", "PackRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "PackTestSupport", dependencies: ["PackBasics", "PackJSON", "PackModel", "PackLoading"]),

        .testTarget(name: "PackBasicsTests", dependencies: ["PackBasics", "PackTestSupport"]),
        .testTarget(name: "PackJSONTests", dependencies: ["PackJSON", "PackTestSupport"]),
        .testTarget(name: "PackSchemaTests", dependencies: ["PackSchema", "PackJSON", "PackTestSupport"]),
        .testTarget(name: "PackModelTests", dependencies: ["PackModel", "PackTestSupport"]),
        .testTarget(name: "PackLoadingTests", dependencies: ["PackLoading", "PackModel", "PackSchema", "PackTestSupport"]),
        .testTarget(
            name: "PackGraphTests",
            dependencies: ["PackGraph", "PackModel", "PackJSON", "PackSchema", "PackBasics", "PackTestSupport"]
        ),
        .testTarget(
            name: "PackRuntimeTests",
            dependencies: ["PackRuntime", "PackJSON", "PackModel", "PackBasics", "PackTestSupport"]
        ),
        .testTarget(
            name: "PackKernelTests",
            dependencies: ["PackKernel", "PackLoading", "PackModel", "PackJSON", "PackSchema", "PackBasics", "PackTestSupport"]
        ),
        .testTarget(name: "PackStateTests", dependencies: ["PackState", "PackKernel", "PackJSON", "PackTestSupport"]),
        .testTarget(
            name: "PackMCPTests",
            dependencies: [
                "PackMCP", "PackKernel", "PackJSON", "PackModel", "PackBasics", "PackTestSupport",
                .product(name: "MCP", package: "swift-sdk"),
            ]
        ),
        .testTarget(
            name: "PackHTTPTests",
            dependencies: [
                "PackHTTP", "PackState", "PackMCP", "PackWebUI", "PackKernel", "PackJSON", "PackBasics", "PackTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "PackCommandsTests",
            dependencies: ["PackCommands", "PackLoading", "PackSchema", "PackJSON", "PackBasics", "PackTestSupport"]
        ),
    ]
)

for target in package.targets {
    if target.type == .regular {
        if target.name.hasPrefix("C") {
            target.exclude.append("README.md")
            continue
        }
        target.exclude.append("README.md")
    }
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
