/// The invented establishments of some authorities: what placements point at, and what
/// `establishments.csv` lists so that the hub's register knows every URN a demo return uses.
package struct EstablishmentRegister: Sendable {
    /// One authority's establishments, by kind.
    package struct Authority: Sendable {
        package let authority: LocalAuthority
        package let establishments: [SyntheticEstablishment]
        let byKind: [[SyntheticEstablishment]]

        init(_ authority: LocalAuthority) {
            self.authority = authority
            var all: [SyntheticEstablishment] = []
            var byKind = Array(repeating: [SyntheticEstablishment](), count: EstablishmentKind.allCases.count)
            var index = 0
            for (kind, count, types) in EstablishmentPlan.kinds {
                for _ in 0..<count {
                    let establishment = SyntheticEstablishment(authority: authority, index: index, kind: kind, types: types)
                    all.append(establishment)
                    byKind[kind.ordinal].append(establishment)
                    index += 1
                }
            }
            establishments = all
            self.byKind = byKind
        }

        /// The establishments of one kind (never empty).
        func of(_ kind: EstablishmentKind) -> [SyntheticEstablishment] { byKind[kind.ordinal] }
    }

    /// Register entries in the order given (each authority once).
    package let authorities: [Authority]
    /// Every establishment by URN.
    private let byURN: [Int: SyntheticEstablishment]

    /// The establishments of `authorities` (duplicates ignored).
    package init(authorities: [LocalAuthority]) {
        var seen = Set<String>()
        self.authorities = authorities.filter { seen.insert($0.code).inserted }.map(Authority.init)
        var byURN: [Int: SyntheticEstablishment] = [:]
        for authority in self.authorities {
            for establishment in authority.establishments { byURN[establishment.urn] = establishment }
        }
        self.byURN = byURN
    }

    /// The establishment with this URN, if it is in the register.
    package func establishment(urn: Int) -> SyntheticEstablishment? { byURN[urn] }

    /// Every establishment, authority by authority.
    package var establishments: [SyntheticEstablishment] { authorities.flatMap(\.establishments) }

    /// The entry of the authority with `code`.
    package func authority(_ code: String) -> Authority? {
        authorities.first { $0.authority.code == code }
    }
}

extension EstablishmentKind {
    /// Position in `allCases`, for array-indexed lookups.
    var ordinal: Int { Self.allCases.firstIndex(of: self)! }
}
