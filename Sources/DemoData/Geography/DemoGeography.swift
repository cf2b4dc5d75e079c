import Foundation

/// Where the demo set's establishments are, on the British National Grid (metres), so that a
/// commissioner can measure distances on the demo set (`hnhub scope-centre`, docs/scoping.md).
///
/// Every authority gets a centre: roughly its real one for the ten South West defaults, an invented
/// point in England's extent for any other. Each of its 28 invented postcode districts sits at a
/// fixed point within 12 km of that centre (a sunflower layout turned by the authority's number),
/// and an establishment lies within 1.5 km of its district's point. Nothing but the authority, the
/// district and the URN decides a location, so the same establishment is always in the same place.
package enum DemoGeography {
    /// Approximate centres (easting, northing) of the ten South West defaults.
    static let knownCentres: [String: (Int, Int)] = [
        "800": (370_000, 161_000), "801": (359_000, 174_000), "802": (344_000, 165_000), "803": (369_000, 184_000),
        "866": (415_000, 186_000), "865": (400_000, 150_000), "908": (190_000, 60_000), "878": (280_000, 95_000),
        "879": (248_000, 57_000), "880": (289_000, 62_000),
    ]

    /// How far districts reach from the centre, and establishments from their district's point (metres).
    static let districtRadius = 12_000.0, establishmentSpread = 1_500.0

    /// The centre of an authority.
    package static func centre(of authority: LocalAuthority) -> (easting: Int, northing: Int) {
        if let known = knownCentres[authority.code] { return known }
        var random = DemoRandom(0x9E0_C3A7, UInt64(authority.number))
        return (200_000 + random.below(400_000), 100_000 + random.below(450_000))
    }

    /// The point of invented postcode district `district` (1...28) of an authority.
    package static func district(_ district: Int, of authority: LocalAuthority) -> (easting: Int, northing: Int) {
        let centre = centre(of: authority)
        let goldenAngle = Double.pi * (3 - 5.0.squareRoot())
        let radius = districtRadius * ((Double(district) - 0.5) / 28).squareRoot()
        let angle = Double(district) * goldenAngle + Double(authority.number % 360) * Double.pi / 180
        return (centre.easting + Int((radius * cos(angle)).rounded()),
                centre.northing + Int((radius * sin(angle)).rounded()))
    }

    /// An establishment's location: its district's point moved by up to 1.5 km each way.
    static func establishment(urn: Int, district: Int, of authority: LocalAuthority) -> (easting: Int, northing: Int) {
        let point = self.district(district, of: authority)
        var random = DemoRandom(0x10CA_7E, UInt64(urn))
        let spread = Int(establishmentSpread)
        return (point.easting + random.int(in: -spread...spread), point.northing + random.int(in: -spread...spread))
    }
}
