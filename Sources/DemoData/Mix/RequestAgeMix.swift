/// Age (whole years) at which a child or young person is first requested for an EHC needs
/// assessment: mostly in the early years and infant school, again at secondary transfer, a few
/// after 16.
enum RequestAgeMix {
    static let table = WeightedTable<Int>([
        (0, 10), (1, 25), (2, 80), (3, 140), (4, 150), (5, 130), (6, 110), (7, 85), (8, 70), (9, 62),
        (10, 60), (11, 58), (12, 48), (13, 40), (14, 34), (15, 28), (16, 22), (17, 16), (18, 10),
        (19, 6), (20, 4), (21, 3), (22, 2), (23, 1), (24, 1),
    ])
}
