/// Ethnicity of children with plans, roughly as in England: mostly CBDS main codes, some
/// extended codes that roll up to one (WENG, WSCO, AMPK, BNGN, BSOM), and a few refused or not
/// yet obtained.
enum EthnicityMix {
    static let table = WeightedTable<String>([
        ("WBRI", 6200), ("WENG", 150), ("WSCO", 30), ("WIRI", 30), ("WIRT", 40), ("WOTH", 480), ("WROM", 90),
        ("MWBC", 180), ("MWBA", 90), ("MWAS", 130), ("MOTH", 220), ("AIND", 190), ("APKN", 380), ("AMPK", 30),
        ("ABAN", 160), ("AOTH", 160), ("BCRB", 120), ("BAFR", 330), ("BNGN", 30), ("BSOM", 30), ("BOTH", 80),
        ("CHNE", 30), ("OOTH", 200), ("REFU", 60), ("NOBT", 140),
    ])
}
