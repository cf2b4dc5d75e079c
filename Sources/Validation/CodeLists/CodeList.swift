/// A SEN2 code list: its codes in the guide's order and the first collection year each is valid in.
package struct CodeList: Sendable {
    package struct Entry: Sendable, Hashable {
        package let code: String
        /// First collection year (`Year`) the code is valid in.
        package let since: Int
    }

    /// Element name as in the return, e.g. `SENtype`.
    package let element: String
    package let entries: [Entry]
    /// `entries` packed for lookup: a scan of at most 13 integers beats hashing a string.
    private let keys: [CodeKey]

    /// `codes` are valid in every person-level year unless `since` gives a later first year.
    init(_ element: String, _ codes: [String], since: [String: Int] = [:]) {
        self.element = element
        entries = codes.map { Entry(code: $0, since: since[$0] ?? SEN2Collection.firstYear) }
        keys = codes.map { CodeKey($0)! }
    }

    /// True when `code` is on the list for collection year `year`.
    package func isValid(_ code: String, in year: Int) -> Bool {
        firstYear(of: code).map { $0 <= year } ?? false
    }

    /// The first year `code` is valid in, or nil when it is on the list in no year.
    package func firstYear(of code: String) -> Int? {
        guard let key = CodeKey(code), let index = keys.firstIndex(of: key) else { return nil }
        return entries[index].since
    }

    /// The codes valid in `year`, in the guide's order.
    package func codes(in year: Int) -> [String] {
        entries.filter { $0.since <= year }.map(\.code)
    }
}

/// The collection years of the person-level SEN2 return this module knows.
package enum SEN2Collection {
    /// SEN2 became person-level with the January 2023 collection.
    package static let firstYear = 2023
    /// The newest year whose code lists are known; later years are checked against these.
    package static let latestKnownYear = 2026
}
