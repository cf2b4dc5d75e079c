import HubKit

/// One child of a scope's cohort at the census (docs/scoping.md): a plan active at the census, a
/// need in scope and an age in range, with where the child lives and is placed, and what the
/// placement costs.
package struct CohortChild: Sendable {
    package var la: String
    /// National curriculum year at the census (age on the 31 August before it, minus 4).
    package var ncy: Int
    /// The need in scope that brought the child in (the primary need, or with any rank the first
    /// in-scope need listed).
    package var need: String
    package var category: PlacementCategory
    /// The LA the placement's establishment is located in; nil when not in the register.
    package var placementLA: String?
    /// The placement names an establishment or provider the register has.
    package var inRegister: Bool
    package var home: GridPoint?
    package var homeLocation: HomeLocation
    /// Where the child is placed now, when the register locates it.
    package var placement: GridPoint?
    package var annualCost: Double?
    package var costRoute: PlacementCostRoute
    /// The placement started after the previous census: a new placement of the last year.
    package var newPlacement: Bool

    package init(la: String, ncy: Int, need: String, category: PlacementCategory, placementLA: String? = nil,
                inRegister: Bool = false, home: GridPoint? = nil, homeLocation: HomeLocation = .none,
                placement: GridPoint? = nil, annualCost: Double? = nil, costRoute: PlacementCostRoute = .none,
                newPlacement: Bool = false) {
        self.la = la
        self.ncy = ncy
        self.need = need
        self.category = category
        self.placementLA = placementLA
        self.inRegister = inRegister
        self.home = home
        self.homeLocation = homeLocation
        self.placement = placement
        self.annualCost = annualCost
        self.costRoute = costRoute
        self.newPlacement = newPlacement
    }

    /// Placed in an independent or non-maintained special school.
    package var independent: Bool { category == .independentSpecial }

    /// Placed at an establishment located in another LA.
    package var outOfArea: Bool { placementLA.map { $0 != la } ?? false }

    /// The cost rests on a default (the config's band or the hub's fee), not on the LA's own figure.
    package var costOnDefault: Bool { costRoute == .band || costRoute == .none }

    /// The child's current placement is one the scope takes children from.
    package func isFromSetting(_ selectors: Set<SettingSelector>, members: Set<String>) -> Bool {
        SettingSelector.matches(selectors, category: category, placementLA: placementLA, la: la, members: members)
    }

    /// Kilometres from home to `site`; nil when the home is not located.
    package func distance(to site: GridPoint) -> Double? { home.map { $0.kilometres(to: site) } }
}
