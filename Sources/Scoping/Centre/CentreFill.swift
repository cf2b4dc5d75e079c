/// One year of a centre's fill (docs/scoping.md, "Fill"): places filled after the year's
/// admissions, who was admitted and from where.
package struct CentreYear: Sendable, Equatable {
    /// Children at the centre, per LA (in the inputs' order).
    package var occupancy: [Double]
    /// Children admitted this year, per LA.
    package var admitted: [Double]
    /// Admissions of children already placed at the census, by the NCY they moved at (offset
    /// from `DemandPaths.ncyRange.lowerBound`): only phase transfers.
    package var admittedAtTransfer: [Double]
    /// Admissions of children starting a new placement, by NCY offset.
    package var admittedNew: [Double]

    package var filled: Double { occupancy.reduce(0, +) }
}

/// How a centre of one capacity fills year by year from the eligible children and new placements
/// (docs/scoping.md, "Fill"): only children starting a placement, or reaching a phase transfer
/// (Reception, Year 3, Year 7, Year 12), move; a share `conversion` of them takes a place; places
/// are never more than the capacity, and children leave when they age out of the scoped ages.
package struct CentreFill: Sendable {
    package var capacity: Int
    package var conversion: Double
    /// Highest NCY in scope (older children leave the centre and the eligible stock).
    package var lastNCY: Int
    package var transitionYears: Set<Int>

    package init(capacity: Int, conversion: Double, ages: ClosedRange<Int>,
                transitionYears: Set<Int> = ScopeDefaults.transitionYears) {
        self.capacity = capacity
        self.conversion = conversion
        lastNCY = ages.upperBound - 4
        self.transitionYears = transitionYears
    }

    /// The expected path: every figure is an expected number of children.
    package func expected(_ inputs: [LACentreInputs], newPlacements: (_ la: Int, _ year: Int) -> [Double], years: Int) -> [CentreYear] {
        var never = ScopeRandom(0)
        return run(inputs, years: years, newPlacements: newPlacements, random: &never, sampled: false)
    }

    /// One simulated path: whole children, conversions drawn, new placements as drawn by the demand.
    package func simulated(_ inputs: [LACentreInputs], newPlacements: (_ la: Int, _ year: Int) -> [Double], years: Int,
                          random: inout ScopeRandom) -> [CentreYear] {
        run(inputs, years: years, newPlacements: newPlacements, random: &random, sampled: true)
    }

    private func run(_ inputs: [LACentreInputs], years: Int, newPlacements: (Int, Int) -> [Double],
                     random: inout ScopeRandom, sampled: Bool) -> [CentreYear] {
        let lower = DemandPaths.ncyRange.lowerBound, cells = DemandPaths.ncyCount
        let last = min(lastNCY, DemandPaths.ncyRange.upperBound) - lower
        var stock = inputs.map(\.stock)
        var occupants = [[Double]](repeating: [Double](repeating: 0, count: cells), count: inputs.count)
        let transfers = Set(transitionYears.map { $0 - lower })
        func convert(_ count: Double) -> Double {
            sampled ? Double(random.binomial(Int(count.rounded()), conversion)) : count * conversion
        }
        var path: [CentreYear] = []
        for year in 0..<years {
            // A year older: whoever passes the scoped ages leaves the stock and the centre.
            for la in inputs.indices {
                stock[la] = Self.aged(stock[la], last: last)
                occupants[la] = Self.aged(occupants[la], last: last)
            }
            var wantTransfer = [[Double]](repeating: [Double](repeating: 0, count: cells), count: inputs.count)
            var wantNew = wantTransfer
            for la in inputs.indices {
                let arriving = newPlacements(la, year)
                for ncy in 0...max(last, 0) {
                    if transfers.contains(ncy), stock[la][ncy] > 0 {
                        wantTransfer[la][ncy] = convert(stock[la][ncy])
                        stock[la][ncy] -= wantTransfer[la][ncy]
                    }
                    var joiners = ncy < arriving.count ? arriving[ncy] : 0
                    if joiners > 0 {
                        joiners = sampled ? Double(random.binomial(Int(joiners.rounded()), inputs[la].eligibleShare))
                            : joiners * inputs[la].eligibleShare
                        wantNew[la][ncy] = convert(joiners)
                        // Those who do not take a place now stay eligible, for their next phase transfer.
                        stock[la][ncy] += joiners - wantNew[la][ncy]
                    }
                }
            }
            let free = max(0, Double(capacity) - occupants.joined().reduce(0, +))
            let wanted = wantTransfer.joined().reduce(0, +) + wantNew.joined().reduce(0, +)
            if wanted > free {
                // Not enough places: admit in proportion; the rest stay where they are.
                let (transferAdmitted, newAdmitted) = sampled
                    ? Self.share(free, transfer: wantTransfer, new: wantNew)
                    : (wantTransfer.map { $0.map { $0 * free / wanted } }, wantNew.map { $0.map { $0 * free / wanted } })
                for la in inputs.indices {
                    for ncy in 0..<cells {
                        stock[la][ncy] += wantTransfer[la][ncy] - transferAdmitted[la][ncy] + wantNew[la][ncy] - newAdmitted[la][ncy]
                    }
                }
                (wantTransfer, wantNew) = (transferAdmitted, newAdmitted)
            }
            var record = CentreYear(occupancy: [], admitted: [], admittedAtTransfer: [Double](repeating: 0, count: cells),
                                    admittedNew: [Double](repeating: 0, count: cells))
            for la in inputs.indices {
                var admitted = 0.0
                for ncy in 0..<cells {
                    occupants[la][ncy] += wantTransfer[la][ncy] + wantNew[la][ncy]
                    admitted += wantTransfer[la][ncy] + wantNew[la][ncy]
                    record.admittedAtTransfer[ncy] += wantTransfer[la][ncy]
                    record.admittedNew[ncy] += wantNew[la][ncy]
                }
                record.admitted.append(admitted)
                record.occupancy.append(occupants[la].reduce(0, +))
            }
            path.append(record)
        }
        return path
    }

    /// Everyone a year older; those beyond `last` leave.
    static func aged(_ cells: [Double], last: Int) -> [Double] {
        var next = [Double](repeating: 0, count: cells.count)
        for ncy in 0..<min(last, cells.count - 1) { next[ncy + 1] = cells[ncy] }
        return next
    }

    /// Whole places shared in proportion to what each cell wants, the remainders going to the
    /// largest fractions first (then the first cell), so the total is exactly `places`.
    static func share(_ places: Double, transfer: [[Double]], new: [[Double]]) -> ([[Double]], [[Double]]) {
        let wants = transfer.joined().map { $0 } + new.joined().map { $0 }
        let total = wants.reduce(0, +)
        guard total > 0 else { return (transfer, new) }
        var given = wants.map { ($0 * places / total).rounded(.down) }
        var left = Int((places - given.reduce(0, +)).rounded())
        let order = wants.indices.sorted {
            let a = wants[$0] * places / total - given[$0], b = wants[$1] * places / total - given[$1]
            return a != b ? a > b : $0 < $1
        }
        for index in order where left > 0 && given[index] < wants[index] {
            given[index] += 1
            left -= 1
        }
        let width = transfer.first?.count ?? 0
        let split = transfer.count * width
        func unflatten(_ flat: ArraySlice<Double>) -> [[Double]] {
            stride(from: flat.startIndex, to: flat.endIndex, by: max(width, 1)).map { Array(flat[$0..<min($0 + width, flat.endIndex)]) }
        }
        return (unflatten(given[0..<split]), unflatten(given[split...]))
    }
}
