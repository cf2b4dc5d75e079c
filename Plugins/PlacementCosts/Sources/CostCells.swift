import HubKit

/// The values of the placement cost layouts, read from one row's cells or rejected with a message
/// that says what was expected.
extension CSVRow {
    /// The placing (paying) LA's code as written (upper-cased); the host checks it is an LA.
    func placingLA(_ column: Int) throws -> String {
        let code = text(column).uppercased()
        guard !code.isEmpty else {
            throw reject(column, "the LA code is empty: give the placing LA's 3-digit DfE code or ONS E-code")
        }
        return code
    }

    /// An establishment's URN (digits), or nil when the cell is empty or the column absent.
    func urn(_ column: Int?) throws -> String? {
        guard let column else { return nil }
        let urn = text(column)
        guard !urn.isEmpty else { return nil }
        guard urn.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw reject(column, "'\(urn)' is not a URN: give the establishment's URN (digits, as in GIAS)")
        }
        return urn
    }

    /// The cell's text, or nil when it is empty or the column absent.
    func optionalText(_ column: Int?) -> String? {
        guard let column else { return nil }
        let value = text(column)
        return value.isEmpty ? nil : value
    }

    /// A yearly cost in pounds, 0 or more (see ``Pounds`` for what is tolerated).
    func annualCost(_ column: Int) throws -> Double {
        let value = text(column)
        guard !value.isEmpty else {
            throw reject(column, "the cost is empty: give the annual cost in pounds, e.g. 45000 or £45,000.00")
        }
        guard let amount = Pounds.parse(value) else {
            throw reject(column, "'\(value)' is not an amount in pounds: write it like 45000, 45000.50 or £45,000.50")
        }
        guard amount >= 0, !value.contains("-") else {
            throw reject(column, "'\(value)' is negative: an annual cost is 0 or more")
        }
        return amount
    }

    /// The child's UPN, as written; it only ever appears masked in messages.
    func upn(_ column: Int) throws -> String {
        let upn = text(column).uppercased()
        guard !upn.isEmpty else {
            throw reject(column, "the UPN is empty: every row of a per-child cost file needs the child's UPN")
        }
        guard MaskedUPN.hasUPNShape(upn) else {
            throw reject(column, """
                '\(MaskedUPN.display(upn))' is not a UPN: a UPN is 13 letters and digits starting with a letter
                """)
        }
        return upn
    }
}
