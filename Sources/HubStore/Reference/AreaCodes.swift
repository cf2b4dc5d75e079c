/// Turns the area codes found in population and cost files into 3-digit LA codes: a 3-digit code
/// in the register stays; an upper-tier ONS code (E06/E08/E09/E10) maps to its LA; a district
/// (E07) rolls up to its county through the ONS lower-to-upper tier lookup.
package struct AreaCodes {
    private var laByECode: [String: String] = [:]
    private var knownLACodes: Set<String> = []
    private var upperTierOfDistrict: [String: String] = [:]

    /// Reads the register and the lookup from the store (loaded by `hnhub init`).
    package init(database: Database) throws {
        for row in try database.rows("SELECT la_code, e_code FROM local_authorities ORDER BY valid_from") {
            guard let la = row[0].string, let e = row[1].string else { continue }
            laByECode[e] = la
            knownLACodes.insert(la)
        }
        for row in try database.rows("SELECT ltla_code, utla_code FROM area_lookup") {
            if let ltla = row[0].string, let utla = row[1].string { upperTierOfDistrict[ltla] = utla }
        }
    }

    /// True when the register is loaded (without it nothing can be checked).
    package var hasRegister: Bool { !knownLACodes.isEmpty }

    /// The 3-digit LA for `code`, or nil when the code is unknown.
    package func laCode(for code: String) -> String? {
        let code = code.uppercased()
        if code.count == 3, code.allSatisfy(\.isNumber) {
            return knownLACodes.isEmpty || knownLACodes.contains(code) ? code : nil
        }
        if let la = laByECode[code] { return la }
        if let upper = upperTierOfDistrict[code] { return laByECode[upper] }
        return nil
    }
}
