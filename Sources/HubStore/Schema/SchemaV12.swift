/// Schema version 12: where establishments are, for scoping a shared centre (docs/scoping.md).
///
/// - `establishments.easting`, `establishments.northing`: the GIAS location on the British National
///   Grid, in metres. Null for establishments imported before this version (import the register
///   again) and for those GIAS gives no location.
enum SchemaV12 {
    static let establishmentLocations = """
    ALTER TABLE establishments ADD COLUMN easting INTEGER;
    ALTER TABLE establishments ADD COLUMN northing INTEGER;
    """
}
