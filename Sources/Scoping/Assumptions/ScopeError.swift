/// Why a scope cannot run, in words that say what to do (exit status 2).
package enum ScopeError: Error, CustomStringConvertible, Equatable {
    case unknownNeed(String, known: [String])
    case noNeeds
    case badAges(String)
    case unknownSetting(String)
    case siteNotInRegister(urn: String)
    case siteNotLocated(urn: String)
    case badSite(String)
    case badCapacity(String)
    case badConversion(String)
    case badNumber(option: String, value: String, expected: String)
    case noReturns(group: String)
    case emptyGroup(String)
    case badScenario(file: String, key: String, message: String)
    case serviceNeedsCaseload

    package var description: String {
        switch self {
        case let .unknownNeed(code, known):
            return "--needs: '\(code)' is not a SEN2 need code (use \(known.joined(separator: ", ")))"
        case .noNeeds:
            return "--needs: give at least one SEN2 need code, e.g. --needs HI,VI,MSI"
        case let .badAges(text):
            return "'\(text)' is not a range of ages or years: give two whole numbers, e.g. --age 11-16 or --ncy 7-11"
        case let .unknownSetting(text):
            return "--from-settings: '\(text)' is not a setting (use \(SettingSelector.allCases.map(\.rawValue).joined(separator: ", ")))"
        case let .siteNotInRegister(urn):
            return "--site: URN \(urn) is not in the establishment register (import the GIAS file, or give --site EASTING,NORTHING)"
        case let .siteNotLocated(urn):
            return "--site: URN \(urn) has no location in the register (import a GIAS file with Easting and Northing, or give --site EASTING,NORTHING)"
        case let .badSite(text):
            return "--site: '\(text)' is neither a URN nor EASTING,NORTHING in metres on the British National Grid (e.g. 358000,173000)"
        case let .badCapacity(text):
            return "--capacity: '\(text)' is not a list of places above 0 (e.g. 24,40,60)"
        case let .badConversion(text):
            return "--conversion: '\(text)' is not a list of shares above 0 and at most 1 (e.g. 0.3,0.5,0.7)"
        case let .badNumber(option, value, expected):
            return "\(option): '\(value)' is not \(expected)"
        case let .noReturns(group):
            return "group '\(group)': no LA of the group has a return in the store (hnhub import the returns first)"
        case let .emptyGroup(group):
            return "group '\(group)': no LA of the group can be scoped"
        case let .badScenario(file, key, message):
            return "\(file): \(key): \(message)"
        case .serviceNeedsCaseload:
            return "--service needs --caseload-per-fte N (children one full-time practitioner serves)"
        }
    }
}
