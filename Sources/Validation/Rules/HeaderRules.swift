import HubKit

extension ValidationRule {
    static let headerCollection = ValidationRule(
        "SEN2-HEADER-COLLECTION", .error, .header, "Header Collection must be SEN2.")
    static let headerYear = ValidationRule(
        "SEN2-HEADER-YEAR", .error, .header, "Header Year must be 2023 or later (the person-level SEN2 return).")
    static let headerYearNewer = ValidationRule(
        "SEN2-HEADER-YEAR-NEWER", .warning, .header,
        "Header Year is newer than the newest known code lists, which are used instead.")
    static let headerReferenceDate = ValidationRule(
        "SEN2-HEADER-REFDATE-YEAR", .error, .header, "ReferenceDate must fall in the header Year.")
    static let headerCensusDay = ValidationRule(
        "SEN2-HEADER-CENSUS-DAY", .error, .header,
        "ReferenceDate must be the census day of the collection year (Datasets/census_dates.csv).")
    static let headerLEA = ValidationRule(
        "SEN2-HEADER-LEA", .error, .header, "LEA must be a 3-digit DfE LA number.")
    static let headerLEAUnknown = ValidationRule(
        "SEN2-HEADER-LEA-UNKNOWN", .error, .header,
        "LEA must be an LA of the register in operation on the census date (Datasets/local_authorities.csv).")
    static let headerOfficer = ValidationRule(
        "SEN2-HEADER-OFFICER", .warning, .header, "DMO, DCO and DSCO must be Y, N or R (DSCO from 2025).")

    static let headerRules = [headerCollection, headerYear, headerYearNewer, headerReferenceDate, headerCensusDay,
                              headerLEA, headerLEAUnknown, headerOfficer]
}

/// The findings about a return's header; an error here means the return cannot be loaded. The
/// census day and LA checks need `reference` (and skip what it does not hold).
func headerIssues(_ header: ReturnHeader, reference: CollectionReference?) -> [ImportIssue] {
    var issues: [ImportIssue] = []
    func add(_ rule: ValidationRule, _ message: String, _ path: String, _ value: String) {
        issues.append(ImportIssue(ruleID: rule.id, severity: rule.severity, message: message,
                                  path: "Header/\(path)", value: value))
    }
    if header.collection.uppercased() != "SEN2" {
        add(.headerCollection, "Collection is '\(header.collection)', not SEN2: this file is not a SEN2 return. "
            + "Check you exported the SEN2 person-level return.", "CollectionDetails/Collection", header.collection)
    }
    let year = header.collectionYear
    if year < SEN2Collection.firstYear {
        add(.headerYear, "Year \(year) is before \(SEN2Collection.firstYear), when SEN2 became person-level: "
            + "the hub reads person-level returns only.", "CollectionDetails/Year", String(year))
    } else if year > SEN2Collection.latestKnownYear {
        add(.headerYearNewer, "Year \(year) is newer than the code lists the hub knows "
            + "(\(SEN2Collection.latestKnownYear)); codes are checked against those. Update the hub "
            + "if this year's guide added codes.", "CollectionDetails/Year", String(year))
    }
    let referenceDate = header.referenceDate
    if referenceDate.year != year {
        // Every census figure is taken on this date, and the Year files the return: one of them is wrong.
        add(.headerReferenceDate, "ReferenceDate \(referenceDate.iso) is not in the header Year \(year): the "
            + "return would be filed under one collection and counted at another's census. Correct Year or "
            + "ReferenceDate (the \(year) census is in January \(year)).",
            "CollectionDetails/ReferenceDate", referenceDate.iso)
    } else if let censusDay = reference?.censusDays[year], censusDay != referenceDate {
        add(.headerCensusDay, "ReferenceDate \(referenceDate.iso) is not the census day of the \(year) collection, "
            + "\(censusDay.iso): plans, placements and ages are all taken on that day. Set ReferenceDate to "
            + "\(censusDay.iso).", "CollectionDetails/ReferenceDate", referenceDate.iso)
    }
    if !DigitString.isLACode(header.laCode) {
        add(.headerLEA, "LEA '\(header.laCode)' is not a 3-digit DfE LA number (e.g. 201). "
            + "Correct the Source/LEA element.", "Source/LEA", header.laCode)
    } else if let reference, reference.hasRegister, !reference.isInOperation(header.laCode, on: referenceDate) {
        add(.headerLEAUnknown, leaUnknownMessage(header.laCode, on: referenceDate, reference), "Source/LEA",
            header.laCode)
    }
    let officers = [("DMO", header.designatedOfficers.medical), ("DCO", header.designatedOfficers.clinical),
                    ("DSCO", header.designatedOfficers.socialCare)]
    for (element, value) in officers {
        guard let value = value.present, !["Y", "N", "R"].contains(value) else { continue }
        add(.headerOfficer, "\(element) '\(value)' is not Y (in post), N (not in post) or R (recruitment in "
            + "progress): correct it, as the hub shows which LAs have designated officers.", "Source/\(element)", value)
    }
    return issues
}

/// Why an LA code is not in operation on the census date, naming the periods the register has.
private func leaUnknownMessage(_ code: String, on date: Day, _ reference: CollectionReference) -> String {
    let periods = reference.periods(of: code)
    guard !periods.isEmpty else {
        return "LEA \(code) is not an LA in the register: the whole return would be filed under an LA that does "
            + "not exist. Correct the Source/LEA element (the 3-digit DfE number of the responsible LA)."
    }
    let known = periods.map { period in
        let name = period.name.map { "\($0) " } ?? ""
        let from = period.from.map { "from \($0.iso)" }, to = period.to.map { "until \($0.iso)" }
        return name + [from, to].compactMap { $0 }.joined(separator: " ")
    }.joined(separator: "; ")
    return "LEA \(code) is not in operation on the census date \(date.iso) (the register has it \(known)): LA "
        + "codes change when authorities are reorganised. Give the code of the authority responsible on the "
        + "census date."
}
