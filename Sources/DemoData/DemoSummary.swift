extension DemoGenerator {
    /// One file written.
    public struct WrittenFile: Sendable, Hashable {
        public let path: String
        /// The authority of a return; empty for a file of the whole set.
        public let laCode: String
        /// The collection year of a return; 0 for other files.
        public let year: Int
        /// Persons of a return; rows of a CSV file.
        public let persons: Int
        public let bytes: Int
        /// Plans active at the census (returns only).
        public var activePlans = 0
    }

    /// What `write(to:)` produced.
    public struct Summary: Sendable {
        public var returns: [WrittenFile] = []
        public var establishmentsFile: WrittenFile?
        public var establishments = 0
        /// `population.csv` (long layout) and `population-ons-mid-year.csv` (ONS layout).
        public var populationFiles: [WrittenFile] = []
        /// The mid-years the population files cover.
        public var populationYears: [Int] = []
        /// `placement-costs.csv` (per establishment, and LA defaults).
        public var costsFile: WrittenFile?
        /// `placement-costs-per-child.csv` (residential places, by UPN).
        public var perChildCostsFile: WrittenFile?
        /// `hub.yaml`, and the name of the group of generated authorities in it.
        public var configFile: WrittenFile?
        public var groupName: String?
        /// Children moving between two generated authorities (seen in both authorities' returns).
        public var transfers = 0
        /// `--with-errors`: the manifest, what it lists, the header-breach returns, and the rules
        /// no file breaks, with why.
        public var breachManifest: WrittenFile?
        public var breaches: [IntendedBreach] = []
        public var headerBreachFiles: [WrittenFile] = []
        public var unbrokenRules: [(ruleID: String, reason: String)] = []

        public var persons: Int { returns.reduce(0) { $0 + $1.persons } }

        /// Every file written, returns first.
        public var files: [WrittenFile] {
            returns + [establishmentsFile].compactMap { $0 } + populationFiles + [costsFile, perChildCostsFile, configFile].compactMap { $0 }
                + headerBreachFiles + [breachManifest].compactMap { $0 }
        }

        public var bytes: Int { files.reduce(0) { $0 + $1.bytes } }
    }
}
