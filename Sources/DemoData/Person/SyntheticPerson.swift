import HubKit

/// One invented child or young person and the whole history of their EHC needs assessment and
/// plan, in absolute dates. Each collection year's return shows the part of that history known
/// at its census (see ``ReturnView``), so the same child appears consistently from year to year:
/// a request pending in one return is decided in the next, a plan issued in 2023 is historical
/// (`H`) in the 2025 return, and so on.
struct SyntheticPerson: Sendable {
    enum Sex: Sendable { case male, female }

    /// How the person is identified in a return.
    enum Identification: Sendable {
        /// UPN (and from 16 sometimes a ULN too).
        case upn
        /// No UPN until 6 (`UPNunknown` UN1), then a UPN.
        case upnFromAge6
        /// A ULN only (from 16; a UPN before).
        case ulnFrom16
        /// Neither: the `UPNunknown` reason.
        case unknown(StaticString)
    }

    // Module 1: the person.
    var surname: String
    var forename: String
    var birth: Day
    var sex: Sex
    /// 2023 `GenderCurrent` 0 (not known) or 9 (not specified) instead of 1/2; 0 when recorded.
    var genderNotRecorded: UInt8 = 0
    var ethnicity: String
    var postcode: String
    var upn: String
    var uln: String
    var identification: Identification
    /// Also give the ULN (from 16) alongside the UPN.
    var showsULN: Bool
    var school: SchoolTimeline

    // Module 2: the request.
    var received: Day
    /// `RequestSource` 1-5 (2025+).
    var source: UInt8
    var youngPersonRequest: Bool
    var requestDecided: Day
    /// `Y`, `N` or `W` as decided.
    var requestOutcome: UInt8
    var exportedTo: String?
    var requestMediation = false
    var requestTribunal = false
    /// A plan transferred in from this LA (request and assessment are historical: `H`).
    var transferredFrom: String?
    /// Historical (`H`) requests and assessments of this person leave their dates out.
    var hidesHistoricDates: Bool

    // Module 3: the assessment (when the request outcome is Y).
    var assessmentDecided: Day?
    var assessmentOutcome: UInt8 = UInt8(ascii: "Y")
    var week20Exceptions = false
    var assessmentMediation = false
    var assessmentTribunal = false
    var otherMediation = false
    var otherTribunal = false

    // Module 4: the plan.
    var planStart: Day?
    var ceased: Day?
    var ceaseReason: UInt8 = 0
    var personalBudget = false
    var organisedArrangements = false
    /// `DP` code, or 0.
    var directPayments: UInt8 = 0

    // Module 5: needs and placements.
    var primaryNeed: Need
    var secondaryNeed: Need?
    var placements: [PlacementEpisode] = []

    /// Seeds the year-by-year details (review dates, phase transfer dates) so that they do not
    /// depend on which years are generated.
    var detailSeed: UInt64

    /// The last date of the request-assessment-plan chain: the plan's start, or the decision that
    /// ended the chain.
    var chainEnd: Day {
        planStart ?? assessmentDecided ?? requestDecided
    }
}

/// A setting attended, as SEN2 records it.
struct Placement: Sendable, Equatable {
    var category: SettingCategory
    /// URN, or UKPRN when `byUKPRN`; 0 for a `SENSetting`.
    var establishment: Int = 0
    var byUKPRN = false
    var senUnit = false
    var resourcedProvision = false
    /// `Res` (A 38-51 weeks, B 52 weeks) or 0.
    var residential: UInt8 = 0
    /// `WBP` (A, T, S) or 0.
    var workBased: UInt8 = 0
    var partTime = false
}

/// One stretch at one setting: from `entry` to `leaving` (nil while it goes on), with an optional
/// second setting attended alongside.
struct PlacementEpisode: Sendable {
    var entry: Day
    var leaving: Day?
    var main: Placement
    var secondary: Placement?
}
