#if canImport(Glibc)
import Glibc
#endif

/// The build step's tool: `PluginPinRecorder OUTPUT.swift LIBRARY.so...` writes a Swift file that
/// maps each library's file name to its SHA-256, so the `hnhub` built in the same build knows the
/// exact bytes of its built-in plugins (docs/plugin-loading.md). Plain C I/O: no Foundation in a
/// tool every build runs.
func fail(_ message: String) -> Never {
    let line = Array("PluginPinRecorder: \(message)\n".utf8)
    _ = write(2, line, line.count)
    exit(1)
}

func sha256(ofFile path: String) -> String {
    guard let file = fopen(path, "rb") else { fail("cannot read \(path)") }
    defer { fclose(file) }
    var digest = SHA256Digest()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count == 0 { break }
        digest.update(Array(buffer[0..<count]))
    }
    if ferror(file) != 0 { fail("cannot read \(path)") }
    return digest.finalizeHex()
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let output = arguments.first else { fail("usage: PluginPinRecorder OUTPUT.swift LIBRARY.so...") }
var lines = [
    "// Written by the RecordPluginPins build step (Sources/BuildSteps): do not edit.",
    "let recordedSHA256ByFile: [String: String] = [",
]
for path in arguments.dropFirst().sorted() {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    lines.append("    \"\(name)\": \"\(sha256(ofFile: path))\",")
}
if arguments.count == 1 { lines[1] += ":]" } else { lines.append("]") }
let text = lines.joined(separator: "\n") + "\n"
guard let file = fopen(output, "wb") else { fail("cannot write \(output)") }
guard fputs(text, file) >= 0, fclose(file) == 0 else { fail("cannot write \(output)") }
