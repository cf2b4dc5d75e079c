import Comparison
import HubKit

/// One indicator of `compare`: where one LA stands, with what disclosure control hides.
package struct ComparisonLine: Sendable {
    package var definition: IndicatorDefinition
    package var period: String
    package var comparison: IndicatorComparison
    /// The focus LA's own figure must show as `c` (not its own view).
    package var focusHidden: Bool
    /// Peers whose figures must show as `c`.
    package var hiddenPeers: Set<String>
    /// The region's or England's total must show as `c` (left out of `comparison`).
    package var regionHidden = false
    /// The region's name, shown or not.
    package var regionName: String?
    package var englandHidden = false

    /// The peers' values a reader may see (hidden ones left out), e.g. for a peer median.
    package var visiblePeerValues: [Double] {
        comparison.peers.filter { !hiddenPeers.contains($0.laCode) }.compactMap(\.value)
    }
}

/// Builds `compare`'s lines: every indicator the LA has a figure for, in the requested (or newest)
/// period, against all LAs (rank, band), its peers, neighbours, region and England.
package struct LAComparisons: Sendable {
    package var snapshot: IndicatorSnapshot
    package var geography: LAGeography
    package var audience: Audience

    package init(snapshot: IndicatorSnapshot, geography: LAGeography, audience: Audience) {
        self.snapshot = snapshot
        self.geography = geography
        self.audience = audience
    }

    /// The peer LAs of `la` (nil means every other LA with a figure).
    package func peerCodes(of la: String, _ peers: PeerSet) throws -> [String]? {
        switch peers {
        case .england: return nil
        case .region: return geography.regionMembers(of: la)
        case .neighbours: return geography.neighbours[la] ?? []
        case .group(let name): return try geography.members(ofGroup: name)
        }
    }

    /// The comparison lines for `la`, census indicators first.
    package func lines(for la: String, period: String? = nil, peers: PeerSet) throws -> [ComparisonLine] {
        let peerCodes = try peerCodes(of: la, peers)
        let regionName = geography.regionOf[la].map { $0.name ?? $0.code }
        let areaTotals = AreaTotals(snapshot: snapshot, geography: geography)
        let neighbours = geography.neighbours[la] ?? []
        var lines: [ComparisonLine] = []
        for definition in snapshot.definitions {
            // Without --period: the newest period in which this LA has a value.
            let candidate = period == nil
                ? snapshot.periods(of: definition.id).first { snapshot.figure(definition.id, period: $0, la: la)?.value != nil }
                : snapshot.period(of: definition.id, requested: period)
            guard let chosen = candidate, snapshot.figure(definition.id, period: chosen, la: la)?.value != nil else { continue }
            let all = snapshot.figures(definition.id, period: chosen)
            let previous = snapshot.previousPeriod(definition.id, before: chosen, la: la)
                .flatMap { snapshot.figure(definition.id, period: $0, la: la) }
            let hidden = Set(all.map(\.laCode).filter { audience.hides(definition.id, period: chosen, la: $0) })
            // The neighbour mean is shown too: only neighbours the reader may see go into it, or a
            // hidden one could be recovered from the mean and the others.
            guard var comparison = IndicatorComparison.make(
                definition: definition, focus: la, all: all, previous: previous,
                peers: (peerCodes ?? all.map(\.laCode)).filter { $0 != la },
                neighbours: neighbours.filter { !hidden.contains($0) },
                totals: areaTotals.comparisonTotals(for: la, definition, period: chosen)) else { continue }
            let focusHidden = hidden.contains(la)
            // A total added up from LA figures is hidden as the pattern says; a published one never is.
            let regionHidden = comparison.region.map { !AreaTotals.isPublished($0) } == true
                && regionName.map { audience.hidesTotal(definition.id, period: chosen, total: TotalKey.region($0)) } == true
            let englandHidden = comparison.england.map { !AreaTotals.isPublished($0) } == true
                && audience.hidesTotal(definition.id, period: chosen, total: TotalKey.england)
            if regionHidden { comparison.region = nil }
            if englandHidden { comparison.england = nil }
            if focusHidden {
                // Rank, band, change and the outlier flag would narrow down a hidden value.
                comparison.rank = nil
                comparison.band = nil
                comparison.change = nil
                comparison.outlier = false
            }
            lines.append(ComparisonLine(definition: definition, period: chosen, comparison: comparison,
                                        focusHidden: focusHidden,
                                        hiddenPeers: Set(comparison.peers.map(\.laCode)).intersection(hidden),
                                        regionHidden: regionHidden, regionName: regionName, englandHidden: englandHidden))
        }
        return lines
    }
}
