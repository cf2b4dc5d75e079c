/// Why a demo data set could not be generated.
package enum DemoDataError: Error, CustomStringConvertible, Equatable {
    case badAuthorityList(path: String, reason: String)
    case tooManyAuthorities(requested: Int, available: Int, origin: String)
    case unknownAuthority(code: String, origin: String)
    case unsupportedYear(Int)
    case cannotWrite(path: String, reason: String)
    case badOption(String)

    package var description: String {
        switch self {
        case let .badAuthorityList(path, reason):
            "\(path): not a local authority list (\(reason)); expected columns la_code,name,region_code,status"
        case let .tooManyAuthorities(requested, available, origin):
            "asked for \(requested) local authorities but \(origin) lists \(available)"
                + (origin == "built-in" ? " (no Datasets/ folder was found beside hnhub: give --la-list Datasets/local_authorities.csv, set HNHUB_DATASETS, or install hnhub with scripts/install)" : "")
        case let .unknownAuthority(code, origin):
            "LA \(code) is not in \(origin); give 3-digit DfE LA numbers of live authorities"
        case let .unsupportedYear(year):
            "collection year \(year) is not supported: the generator writes \(CollectionCalendar.supportedYears.lowerBound)-\(CollectionCalendar.supportedYears.upperBound)"
        case let .cannotWrite(path, reason):
            "cannot write \(path): \(reason)"
        case let .badOption(message):
            message
        }
    }
}
