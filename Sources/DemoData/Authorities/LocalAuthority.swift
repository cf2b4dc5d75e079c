/// An English local authority as the generator uses it: its 3-digit DfE number, name and region.
package struct LocalAuthority: Sendable, Hashable {
    /// The 3-digit DfE LA number, e.g. `800`.
    package let code: String
    package let name: String
    /// ONS region code (e.g. `E12000009`), used to pick neighbours for out-of-area placements.
    package let regionCode: String
    /// The ONS code of the authority's area (`E06000022`; `E10...` for a shire county), when known:
    /// the area code of the ONS mid-year estimates file.
    package let eCode: String?

    package init(code: String, name: String, regionCode: String, eCode: String? = nil) {
        self.code = code
        self.name = name
        self.regionCode = regionCode
        self.eCode = eCode
    }

    /// The code as a number, for seeds and URN blocks.
    var number: Int { Int(code) ?? 0 }
}
