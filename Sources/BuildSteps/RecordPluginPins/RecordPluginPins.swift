import Foundation
import PackagePlugin

/// The build step that pins the built-in plugins (docs/plugin-loading.md): for the target it is
/// applied to (`BuiltInPluginPins`), a command that runs after every `HubPlugin*` library of the
/// package is linked and writes their SHA-256 into a Swift file that the target compiles. `swift
/// build` orders it after the links because the libraries are its inputs, and runs it again
/// whenever one of them changes.
@main
struct RecordPluginPins: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let recorder = try context.tool(named: "PluginPinRecorder").url
        // Build tools are linked into the products folder, where the plugin libraries go too.
        let products = recorder.deletingLastPathComponent()
        let libraries = context.package.products.compactMap { product -> URL? in
            guard let library = product as? LibraryProduct, case .dynamic = library.kind,
                  product.name.hasPrefix("HubPlugin") else { return nil }
            return products.appendingPathComponent("lib\(product.name).so")
        }
        // One file per configuration: debug and release builds share the plugin work folder.
        let output = context.pluginWorkDirectoryURL
            .appendingPathComponent("RecordedPluginPins-\(products.lastPathComponent).swift")
        return [.buildCommand(displayName: "Recording the SHA-256 of the built-in plugins",
                              executable: recorder, arguments: [output.path] + libraries.map(\.path),
                              inputFiles: libraries, outputFiles: [output])]
    }
}
