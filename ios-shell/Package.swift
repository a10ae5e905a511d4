// swift-tools-version:5.9
// The Queryable iPhone app's code as local packages. The Xcode app target
// (App/) only wires these together; see README.md for the build steps.
import PackageDescription

let package = Package(
    name: "QueryableShell",
    platforms: [.iOS(.v16)],
    products: [
        .library(name: "SearchFeature", targets: ["SearchFeature"]),
        .library(name: "Indexer", targets: ["Indexer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.27.0"),
    ],
    targets: [
        // Message types generated at build time from copies of schemas/queryable/v1.
        .target(
            name: "QueryableSchema",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
            plugins: [.plugin(name: "SwiftProtobufPlugin", package: "swift-protobuf")]
        ),
        .target(name: "QueryableCoreHost", dependencies: ["QueryableSchema"]),
        .target(name: "PhotoLibrary", dependencies: ["QueryableSchema"]),
        .target(name: "Encoders"),
        .target(name: "IndexStore"),
        .target(
            name: "Indexer",
            dependencies: ["QueryableSchema", "QueryableCoreHost", "PhotoLibrary", "Encoders", "IndexStore"]
        ),
        .target(
            name: "SearchFeature",
            dependencies: ["QueryableSchema", "QueryableCoreHost", "PhotoLibrary", "Encoders", "Indexer"]
        ),
        .testTarget(
            name: "QueryableShellTests",
            dependencies: ["QueryableSchema", "QueryableCoreHost", "PhotoLibrary", "Encoders", "IndexStore", "Indexer"]
        ),
    ]
)
