/// CBDS ethnicity codes as SEN2 accepts them: the main codes, and the extended codes that roll up
/// to a main code.
package enum EthnicityCodes {
    /// The CBDS main codes.
    package static let main: [String] = [
        "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN",
        "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
    ]

    /// Extended code -> the main code it rolls up to (the CBDS extended list the SEN2 schemas carry).
    package static let extended: [String: String] = {
        let groups: [String: [String]] = [
            "WBRI": ["WCOR", "WENG", "WNIR", "WSCO", "WWEL", "WOWB"],
            "WOTH": ["WALB", "WBOS", "WCRO", "WGRE", "WGRK", "WGRC", "WITA", "WKOS", "WPOR", "WSER",
                     "WTUR", "WTUK", "WTUC", "WEUR", "WEEU", "WWEU", "WOTW"],
            "WROM": ["WROG", "WROR", "WROO"],
            "MWAS": ["MWAP", "MWAI", "MWAO"],
            "MOTH": ["MAOE", "MABL", "MACH", "MBOE", "MBCH", "MCOE", "MWOE", "MWCH", "MOTM"],
            "APKN": ["AMPK", "AKPA", "AOPK"],
            "AOTH": ["ABRI", "AWEL", "AAFR", "AKAO", "ANEP", "ASNL", "ASLT", "ASRO", "AOTA"],
            "BAFR": ["BANN", "BCON", "BGHA", "BNGN", "BSLN", "BSOM", "BSUD", "BAOF"],
            "BOTH": ["BBRI", "BWEL", "BEUR", "BNAM", "BOTB"],
            "CHNE": ["CHKC", "CMAL", "CSNG", "CTWN", "COCH"],
            "OOTH": ["OAFG", "ORAB", "OARA", "OEGY", "OFIL", "OIRN", "OIRQ", "OJPN", "OKOR", "OKRD",
                     "OLAM", "OLEB", "OLIB", "OMAL", "OMRC", "OPOL", "OTHA", "OVIE", "OYEM", "OOEG"],
        ]
        var map: [String: String] = [:]
        for (mainCode, codes) in groups {
            for code in codes { map[code] = mainCode }
        }
        return map
    }()

    /// Every code packed and sorted, with the main code it rolls up to, for a binary search.
    private static let rollUp: (keys: [CodeKey], mains: [String]) = {
        let pairs = (extended.map { ($0.key, $0.value) } + main.map { ($0, $0) })
            .map { (CodeKey($0.0)!, $0.1) }
            .sorted { $0.0 < $1.0 }
        return (pairs.map(\.0), pairs.map(\.1))
    }()

    /// The main code `code` rolls up to (itself for a main code), or nil when it is no CBDS code.
    package static func mainCode(for code: String) -> String? {
        guard let key = CodeKey(code) else { return nil }
        let keys = rollUp.keys
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == key ? rollUp.mains[low] : nil
    }

    /// True when `code` is a main or extended CBDS ethnicity code.
    package static func isValid(_ code: String) -> Bool {
        mainCode(for: code) != nil
    }
}
