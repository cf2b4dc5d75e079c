/// One step of the store's schema. Migrations run in order, each in its own transaction, and the
/// store's `PRAGMA user_version` records the last one applied. Never edit a released migration:
/// add a new one.
package struct Migration: Sendable {
    package var version: Int
    package var summary: String
    package var sql: String
}

/// Every migration, oldest first. The newest version is the schema version of this build.
package enum Migrations {
    package static let all: [Migration] = [
        Migration(version: 1, summary: "returns and the SEN2 modules", sql: SchemaV1.returnsAndModules),
        Migration(version: 2, summary: "reference tables", sql: SchemaV2.referenceTables),
        Migration(version: 3, summary: "indicator values and the store views", sql: SchemaV3.indicatorsAndViews),
        Migration(version: 4, summary: "per-return census and work summaries", sql: SchemaV4.returnSummaries),
        Migration(version: 5, summary: "store views joined child first", sql: SchemaV5.childFirstViews),
        Migration(version: 6, summary: "indicator count structure", sql: SchemaV6.indicatorCounts),
        Migration(version: 7, summary: "the hub secret's key check value", sql: SchemaV7.secretCheck),
        Migration(version: 8, summary: "census days, return sources, census placements chosen by value",
                  sql: SchemaV8.headerAndCalendar),
        Migration(version: 9, summary: "where outputs show each indicator", sql: SchemaV9.indicatorPresentation),
        Migration(version: 10, summary: "data governance: minimisation level, retention log, retained figures, output files",
                  sql: SchemaV10.governance),
        Migration(version: 11, summary: "service accounts, sessions, tokens, audit, uploads", sql: SchemaV11.serviceTables),
        Migration(version: 12, summary: "establishment locations (easting, northing)", sql: SchemaV12.establishmentLocations),
    ]

    /// The schema version this build of hnhub writes.
    package static var current: Int { all.last!.version }
}
