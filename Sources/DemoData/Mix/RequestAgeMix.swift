/// Age (whole years) at which a child or young person is first requested for an EHC needs
/// assessment: mostly in the early years and infant school, again at secondary transfer, a few
/// after 16.
enum RequestAgeMix {
    static let table = WeightedTable<Int>([
        (0, 8), (1, 20), (2, 60), (3, 105), (4, 120), (5, 115), (6, 100), (7, 85), (8, 75), (9, 70),
        (10, 70), (11, 70), (12, 60), (13, 52), (14, 46), (15, 40), (16, 32), (17, 24), (18, 14),
        (19, 8), (20, 5), (21, 3), (22, 2), (23, 1), (24, 1),
    ])
}
