/// A hub configuration (`config/hub.example.yaml` format, read by `HubConfig`) for a demo set:
/// the generated authorities as a named group, and default cost bands for placements no cost
/// file prices. Paths are left to the defaults, so the file works wherever the set is.
enum GroupConfigFile {
    static let fileName = "hub.yaml"
    /// The group's name: `--group demo-partnership`, `compare --peers group:demo-partnership`.
    static let groupName = "demo-partnership"

    /// Default cost bands (pounds a year) by the hub's placement types.
    static let bands: [(String, Int)] = [
        ("independent_special", 62_000), ("state_special", 25_000), ("mainstream", 11_000), ("post16", 12_000),
        ("ap", 19_000),
    ]

    static func text(authorities: [LocalAuthority], seed: UInt64) -> String {
        let codes = authorities.map { "\"\($0.code)\"" }.joined(separator: ", ")
        let names = authorities.map { "\($0.code) \($0.name)" }.joined(separator: "; ")
        return """
            # High Needs Hub configuration for a synthetic demo set written by `hnhub demo` (seed \(seed)).
            # The LA codes are real; every child, school, figure and cost in the set is invented.
            # Use it with --config, DIR being the folder this file is in:
            #   hnhub init --config DIR/hub.yaml --db DIR/hub.sqlite
            #   hnhub import --config DIR/hub.yaml --db DIR/hub.sqlite DIR
            #   hnhub indicators --config DIR/hub.yaml --db DIR/hub.sqlite --group \(groupName)
            #   hnhub compare --config DIR/hub.yaml --db DIR/hub.sqlite --la \(authorities[0].code) --peers group:\(groupName)

            # The generated authorities (\(names)), as one partnership.
            groups:
              \(groupName): [\(codes)]

            costs:
              # Annual cost of a placement when neither the child's nor the establishment's cost is known
              # and the LA gives no default of its own (placement-costs.csv gives each LA's defaults).
              default_bands:
            \(bands.map { "    \($0.0): \($0.1)" }.joined(separator: "\n"))

            disclosure:
              threshold: 5

            """
    }
}
