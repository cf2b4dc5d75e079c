/// The SHA-256 of every built-in plugin library, recorded by the build that linked them (the
/// RecordPluginPins build step writes `recordedSHA256ByFile`). `hnhub` loads a `libHubPlugin*.so`
/// from its own folder only when the file's bytes are the ones recorded here, so a library changed
/// or added after the build is refused before it is opened. See docs/plugin-loading.md.
package enum BuiltInPluginPins {
    /// Library file name (`libHubPluginSEN2XML.so`) -> SHA-256, 64 lower-case hex digits.
    package static let sha256ByFile: [String: String] = recordedSHA256ByFile
}
