/// A child with a plan in a residential place (38-51 or 52 weeks a year) at an establishment
/// with a URN at the census, identified by UPN: the places LAs cost child by child.
struct ResidentialPlace: Sendable, Hashable {
    let upn: String
    let urn: Int
    /// `Res` B: 52 weeks a year.
    let allYear: Bool

    init?(_ person: SyntheticPerson, _ view: ReturnView) {
        guard case .upn = person.identification, let placement = view.namedPlacement?.main,
              placement.residential != 0, !placement.byUKPRN, placement.establishment != 0 else { return nil }
        upn = person.upn
        urn = placement.establishment
        allYear = placement.residential == UInt8(ascii: "B")
    }
}
