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
        "SEN2-HEADER-REFDATE-YEAR", .warning, .header, "ReferenceDate should fall in the header Year.")
    static let headerLEA = ValidationRule(
        "SEN2-HEADER-LEA", .error, .header, "LEA must be a 3-digit DfE LA number.")

    static let headerRules = [headerCollection, headerYear, headerYearNewer, headerReferenceDate, headerLEA]
}

/// The findings about a return's header; an error here means the return cannot be loaded.
func headerIssues(_ header: ReturnHeader) -> [ImportIssue] {
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
    if header.referenceDate.year != year {
        add(.headerReferenceDate, "ReferenceDate \(header.referenceDate.iso) is not in the header Year \(year). "
            + "Check both: the census date of the \(year) return is in January \(year).",
            "CollectionDetails/ReferenceDate", header.referenceDate.iso)
    }
    if !DigitString.isLACode(header.laCode) {
        add(.headerLEA, "LEA '\(header.laCode)' is not a 3-digit DfE LA number (e.g. 201). "
            + "Correct the Source/LEA element.", "Source/LEA", header.laCode)
    }
    return issues
}
