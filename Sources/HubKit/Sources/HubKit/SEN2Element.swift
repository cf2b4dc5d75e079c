/// One element of a SEN2 return, named as a mapping file's `fields` name it: the section (`person`,
/// `request`, `assessment`, `plan`, `plan_details`, `active_plans`, `placements`, `needs`) and the
/// SEN2 element, written `plan.StartDate`. A repeating module's section carries no slot: the
/// element `placements.URN` is the URN of every placement.
///
/// An indicator lists the elements it is counted from in ``IndicatorDefinition/inputs``. The
/// repository's `docs/mapping-importers.md` lists every section and element a mapping can fill, and
/// `docs/sen2.md` says what each element means.
public struct SEN2Element: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The `fields` section, e.g. `plan`.
    public var section: String
    /// The SEN2 element name, e.g. `StartDate`.
    public var name: String

    public init(section: String, name: String) {
        self.section = section
        self.name = name
    }

    /// The element written `section.Element`, e.g. `"plan.StartDate"`: the section is what comes
    /// before the first dot (none: an empty section, which names no element a mapping fills).
    public init(stringLiteral path: String) {
        let parts = path.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(section: parts.count == 2 ? String(parts[0]) : "", name: String(parts[parts.count - 1]))
    }

    /// `plan.StartDate`.
    public var description: String { "\(section).\(name)" }
}
