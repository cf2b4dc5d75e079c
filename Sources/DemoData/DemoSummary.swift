extension DemoGenerator {
    /// One file written.
    package struct WrittenFile: Sendable, Hashable {
        package let path: String
        /// The authority of a return; empty for a file of the whole set.
        package let laCode: String
        /// The collection year of a return; 0 for other files.
        package let year: Int
        /// Persons of a return; rows of a CSV file.
        package let persons: Int
        package let bytes: Int
        /// Plans active at the census (returns only).
        package var activePlans = 0
    }

    /// What `write(to:)` produced.
    package struct Summary: Sendable {
        package var returns: [WrittenFile] = []
        package var establishmentsFile: WrittenFile?
        package var establishments = 0
        /// `population.csv` (long layout) and `population-ons-mid-year.csv` (ONS layout).
        package var populationFiles: [WrittenFile] = []
        /// The mid-years the population files cover.
        package var populationYears: [Int] = []
        /// `placement-costs.csv` (per establishment, and LA defaults).
        package var costsFile: WrittenFile?
        /// `placement-costs-per-child.csv` (residential places, by UPN).
        package var perChildCostsFile: WrittenFile?
        /// `hub.yaml`, and the name of the group of generated authorities in it.
        package var configFile: WrittenFile?
        package var groupName: String?
        /// Children moving between two generated authorities (seen in both authorities' returns).
        package var transfers = 0
        /// `--with-errors`: the manifest, what it lists, the header-breach returns, and the rules
        /// no file breaks, with why.
        package var breachManifest: WrittenFile?
        package var breaches: [IntendedBreach] = []
        package var headerBreachFiles: [WrittenFile] = []
        package var unbrokenRules: [(ruleID: String, reason: String)] = []

        package var persons: Int { returns.reduce(0) { $0 + $1.persons } }

        /// Every file written, returns first.
        package var files: [WrittenFile] {
            returns + [establishmentsFile].compactMap { $0 } + populationFiles + [costsFile, perChildCostsFile, configFile].compactMap { $0 }
                + headerBreachFiles + [breachManifest].compactMap { $0 }
        }

        package var bytes: Int { files.reduce(0) { $0 + $1.bytes } }
    }
}
