extension ValidationRule {
    /// Every rule the validator applies, grouped by kind, in the order the docs list them.
    package static let catalogue: [ValidationRule] =
        headerRules + codeRules + identityRules + structureRules + conditionalRules + dateRules + qualityRules

    /// The rule with this id, or nil.
    package static func rule(id: String) -> ValidationRule? {
        catalogue.first { $0.id == id }
    }
}
