// swift-tools-version:6.0
// HubKit is the plugin SDK. It lives in its own package so that SwiftPM builds it as ONE shared
// library (libHubKit.so) that the host and every plugin link dynamically: inside a single package a
// dependency is linked statically, and two static copies of the SDK would mean two sets of types.
import PackageDescription

let package = Package(
    name: "HubKit",
    products: [
        .library(name: "HubKit", type: .dynamic, targets: ["HubKit"])
    ],
    targets: [
        .target(name: "HubKit", swiftSettings: [.swiftLanguageMode(.v6)])
    ]
)
