import ArgumentParser
import HubStore

/// `hnhub neighbours`: an LA's statistical neighbours in one edition.
struct NeighboursCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbours", abstract: "List an LA's statistical neighbours (newest edition unless chosen).")

    @OptionGroup var hub: HubOptions

    @Option(name: .long, help: "3-digit LA code.")
    var la: String

    @Option(name: .customLong("neighbours-edition"), help: "Edition, e.g. 2021-04 (default: the newest in the store).")
    var edition: String?

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config)
        let lists = StatisticalNeighbours(database: store.database)
        let register = LARegister(database: store.database)
        do {
            guard let chosen = try lists.edition(edition) else {
                throw HubFailure.unusable("no statistical neighbours in the store; run `hnhub init` to load the bundled edition")
            }
            let neighbours = try lists.neighbours(of: la, edition: chosen)
            guard !neighbours.isEmpty else {
                throw HubFailure.unusable("LA \(la) has no neighbour list in edition \(chosen)")
            }
            print("statistical neighbours of \(la) (edition \(chosen), directed: these are the LAs \(la) is compared with)")
            var table = TextTable(header: ["rank", "la", "name", "closeness"], rightAligned: [0])
            table.rows = try neighbours.map { n in
                [String(n.rank), n.laCode, try register.name(of: n.laCode) ?? "", n.closeness ?? ""]
            }
            print(table.render())
        } catch let error as StatisticalNeighbours.UnknownEdition {
            throw HubFailure.unusable("\(error)")
        }
    }
}
