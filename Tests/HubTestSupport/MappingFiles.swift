/// Example mapping files for the tests of mapping importers.
package enum MappingFiles {
    /// The smallest mapping the hub accepts: one CSV export of LA 800's 2025 return, with a UPN and
    /// a sex translated through a code table.
    package static let minimal = """
        id: tiny
        file:
          headers: [ID]
        return:
          la_code: "800"
          census_date: 2025-01-16
        codes:
          sex: {Boy: M, Girl: F}
        fields:
          person:
            UPN: ID
            Sex: {column: Gender, codes: sex}
        """
}
