import ArgumentParser

/// What an output file covers, shared by `export` and `report`: one LA (optionally its own,
/// unsuppressed view), a config group, or every LA; the period; the neighbours edition.
struct OutputScopeOptions: ParsableArguments {
    @Option(name: .long, help: "3-digit LA code: that LA against its statistical neighbours, its region and all LAs.")
    var la: String?

    @Flag(name: .long, help: "With --la: the LA's own figures unsuppressed (its own view; do not share the file).")
    var own = false

    @Option(name: .long, help: "A named group of LAs from the config: its members and the group total.")
    var group: String?

    @Option(name: .long, help: "Period: e.g. 2024/25 (census indicators) or 2024 (calendar); default the latest of each.")
    var period: String?

    @Option(name: .customLong("neighbours-edition"), help: "Statistical neighbours edition (default: the newest).")
    var neighboursEdition: String?

    func validate() throws {
        if la != nil && group != nil { throw ValidationError("give --la or --group, not both") }
        if own && la == nil { throw ValidationError("--own needs --la (an LA sees only its own figures unsuppressed)") }
        if let la, la.count != 3 || !la.allSatisfy(\.isNumber) {
            throw ValidationError("--la takes a 3-digit DfE LA code, e.g. 801 (got '\(la)')")
        }
    }
}
