import HubKit

/// The values of the population layouts, read from one row's cells or rejected with a message
/// that says what was expected.
extension CSVRow {
    /// An area code as written (upper-cased); an empty cell is rejected.
    func areaCode(_ column: Int) throws -> String {
        let code = text(column).uppercased()
        guard !code.isEmpty else {
            throw reject(column, "the area code is empty: give a 3-digit DfE LA code or an ONS E-code")
        }
        return code
    }

    /// A 4-digit year such as 2024.
    func year(_ column: Int) throws -> Int {
        let value = text(column)
        guard value.count == 4, value.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(value) else {
            throw reject(column, "'\(value)' is not a year: give the mid-year as 4 digits, e.g. 2024")
        }
        return year
    }

    /// A single year of age: 0, 1, ...; the ONS top band `90+` counts as 90.
    func age(_ column: Int) throws -> Int {
        let value = text(column)
        let digits = value.hasSuffix("+") ? String(value.dropLast()) : value
        guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let age = Int(digits) else {
            throw reject(column, "'\(value)' is not a single year of age: give 0, 1, 2 ... (90+ is read as 90)")
        }
        return age
    }

    /// A number of residents: a number, 0 or more (fractions allowed, as in projections).
    func residents(_ column: Int) throws -> Double {
        let value = text(column)
        // Plain decimal notation only: Double() would also take `nan`, `inf` and hex floats.
        guard value.allSatisfy({ "0123456789.-+eE".contains($0) }), let number = Double(value), number.isFinite else {
            throw reject(column, "'\(value)' is not a number: give the count of residents (0 or more)")
        }
        guard number >= 0 else {
            throw reject(column, "'\(value)' is negative: a population is 0 or more")
        }
        return number
    }

    /// The ONS sex code: 1 (male) or 2 (female); M/F and the words are accepted too. Anything else,
    /// e.g. a persons total, would be added to the two sexes and count people twice.
    func checkSex(_ column: Int) throws {
        switch text(column).lowercased() {
        case "1", "2", "m", "f", "male", "female": return
        default:
            throw reject(column, "'\(text(column))' is not a sex code: give 1 (male) or 2 (female) and leave out total rows")
        }
    }
}
