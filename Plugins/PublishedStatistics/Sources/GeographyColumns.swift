/// The geography columns of the EES tidy layout: which column names an area at each geographic
/// level, and which columns are geography at all (never a dimension or a measure).
///
/// Taken from the EES data standards (the screener's geographic levels and their columns).
enum GeographyColumns {
    /// The column holding an area's code and the column holding its name.
    struct Area: Sendable, Hashable {
        var code: String
        var name: String
    }

    static let country = Area(code: "country_code", name: "country_name")
    static let region = Area(code: "region_code", name: "region_name")
    /// The 3-digit DfE number: the hub keys every LA on it.
    static let localAuthority = Area(code: "old_la_code", name: "la_name")
    static let localAuthorityONS = Area(code: "new_la_code", name: "la_name")

    /// Each `geographic_level` (lower-cased) and the columns that identify its areas.
    static let byLevel: [String: Area] = [
        "national": country,
        "regional": region,
        "local authority": localAuthority,
        "local authority district": Area(code: "lad_code", name: "lad_name"),
        "parliamentary constituency": Area(code: "pcon_code", name: "pcon_name"),
        "ward": Area(code: "ward_code", name: "ward_name"),
        "opportunity area": Area(code: "opportunity_area_code", name: "opportunity_area_name"),
        "local enterprise partnership": Area(code: "local_enterprise_partnership_code",
                                             name: "local_enterprise_partnership_name"),
        "english devolved area": Area(code: "english_devolved_area_code", name: "english_devolved_area_name"),
        "mayoral combined authority": Area(code: "mayoral_combined_authority_code",
                                           name: "mayoral_combined_authority_name"),
        "local skills improvement plan area": Area(code: "lsip_code", name: "lsip_name"),
        "planning area": Area(code: "planning_area_code", name: "planning_area_name"),
        "rsc region": Area(code: "rsc_region_code", name: "rsc_region_name"),
        "mat": Area(code: "trust_id", name: "trust_name"),
        "multi-academy trust": Area(code: "trust_id", name: "trust_name"),
        "sponsor": Area(code: "sponsor_id", name: "sponsor_name"),
        "school": Area(code: "school_urn", name: "school_name"),
        "provider": Area(code: "provider_ukprn", name: "provider_name"),
        "institution": Area(code: "institution_id", name: "institution_name"),
    ]

    /// For a level the hub does not know: the code columns to try, the most specific area first.
    static let fallbackOrder: [Area] = [
        byLevel["school"]!, byLevel["provider"]!, byLevel["institution"]!, byLevel["mat"]!, byLevel["sponsor"]!,
        byLevel["ward"]!, byLevel["parliamentary constituency"]!, byLevel["local authority district"]!,
        byLevel["planning area"]!, localAuthority, localAuthorityONS, byLevel["opportunity area"]!,
        byLevel["local enterprise partnership"]!, byLevel["local skills improvement plan area"]!,
        byLevel["english devolved area"]!, byLevel["mayoral combined authority"]!, byLevel["rsc region"]!,
        region, country,
    ]

    /// Code columns whose presence (with the time columns) marks a tidy EES file.
    static let codeColumns: Set<String> = Set(fallbackOrder.map(\.code))

    /// Every geography column, lower-cased: the codes and names above and the extra identifiers EES
    /// publishes beside them.
    static let all: Set<String> = codeColumns.union(fallbackOrder.map(\.name))
        .union(["school_laestab", "school_postcode", "rsc_region_lead_name", "rsc_region_lead_code"])
}
