import ArgumentParser
import Foundation

/// `hnhub`: the High Needs Hub command.
@main
struct HNHub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hnhub",
        abstract: "Pool SEN2 returns across local authorities and compare EHCP indicators.",
        discussion: "Exit status: 0 success, 1 the command ran but found errors (e.g. quarantined records), 2 bad usage or unusable input.",
        subcommands: [InitCommand.self, ImportCommand.self, ValidateCommand.self, PluginsCommand.self, PluginCommand.self, MappingCommand.self,
                      ReturnsCommand.self, ReprocessCommand.self, RotateSecretCommand.self, IndicatorsCommand.self, CompareCommand.self, ReportCommand.self, ExportCommand.self, AuditDisclosureCommand.self, RetentionCommand.self, NeighboursCommand.self, DemoCommand.self,
                      ServeCommand.self, UsersCommand.self, AuditCommand.self,
                      ForecastCommand.self, BacktestCommand.self, ScopeCentreCommand.self])

    /// ArgumentParser's usage errors exit with 64; the hub's public interface promises 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let failure as HubFailure {
            FileHandle.standardError.write(Data("hnhub: \(failure.message)\n".utf8))
            Foundation.exit(failure.code)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : (code.rawValue == 0 ? 0 : 2))
        }
    }
}

/// An error the user can act on, with the exit status it maps to.
struct HubFailure: Error {
    var message: String
    var code: Int32

    /// Bad usage or unusable input: exit 2.
    static func unusable(_ message: String) -> HubFailure { HubFailure(message: message, code: 2) }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
