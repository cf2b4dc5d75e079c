/// When and why plans end (`CeaseReason` 1-9).
enum CeaseMix {
    /// Age on the 31 August at the end of the academic year a plan ends in, for plans that run to
    /// the end of education; 25 means the maximum age (reason 1).
    static let leavingAge = WeightedTable<Int>([
        (16, 70), (17, 50), (18, 190), (19, 260), (20, 150), (21, 100), (22, 60), (23, 40), (24, 25), (25, 55),
    ])

    /// Why a plan ends when the young person leaves education before 25.
    static let leavingReason = WeightedTable<Int>([(2, 300), (3, 120), (4, 180), (6, 230), (9, 170)])

    /// Yearly chances (per 100,000) of a plan ending early: needs met, a move to another LA, a move
    /// outside England, death.
    static let needsMetPer100k = 1_400
    static let movedLAPer100k = 1_400
    static let movedAbroadPer100k = 300
    static let deceasedPer100k = 80
}
