// The SEN2 code lists (docs/sen2.md "Code lists"). Lists only grow: a code
// valid from a year stays valid in later years.

extension CodeList {
    /// `Sex` (2024+). The 2023 `GenderCurrent` codes arrive already mapped to M/F/U.
    package static let sex = CodeList("Sex", ["M", "F", "U"])

    /// `SENtype`, the need. `NSA` is a school-census code and never valid here.
    package static let senType = CodeList(
        "SENtype", ["SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH", "DS"],
        since: ["DS": 2025])

    /// `SENSetting`: a setting with no URN or UKPRN.
    package static let senSetting = CodeList(
        "SENSetting", ["OLA", "OPA", "EHE", "EYP", "OTH", "NEET", "NIEC", "NIEO"],
        since: ["NEET": 2024, "NIEC": 2024, "NIEO": 2024])

    package static let requestOutcome = CodeList("RequestOutcome", ["Y", "N", "A", "W", "H"])
    package static let assessmentOutcome = CodeList("AssessmentOutcome", ["Y", "N", "A", "W", "H"])
    package static let ceaseReason = CodeList("CeaseReason", ["1", "2", "3", "4", "5", "6", "7", "8", "9"])
    package static let requestSource = CodeList("RequestSource", ["1", "2", "3", "4", "5"],
                                               since: ["1": 2025, "2": 2025, "3": 2025, "4": 2025, "5": 2025])
    /// `PlanRes` and `Res`: A 38-51 weeks, B 52 weeks.
    package static let residential = CodeList("Res", ["A", "B"])
    /// `PlanWBP` and `WBP`: apprenticeship, traineeship, supported internship.
    package static let workBased = CodeList("WBP", ["A", "T", "S"])
    /// `DP`: direct payments for education, social care, health, or integrated.
    package static let directPayments = CodeList("DP", ["E", "S", "H", "I"])
    package static let reviewOutcome = CodeList("ReviewOutcome", ["A", "C", "M"],
                                               since: ["A": 2024, "C": 2024, "M": 2024])
    /// `UPNunknown`. UN4, UN6 and UN7 are still accepted but warned about (`discouragedUPNUnknown`).
    package static let upnUnknown = CodeList("UPNunknown", (1...10).map { "UN\($0)" })
}

/// `UPNunknown` reasons no longer in the guide's list: accepted with a warning.
let discouragedUPNUnknown: Set<String> = ["UN4", "UN6", "UN7"]
