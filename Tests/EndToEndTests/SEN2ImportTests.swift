import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import PluginHost
import Pseudonymisation
import Testing

/// SEN2 XML through the whole pipeline (the real plugin, loaded from the build folder): the shared
/// samples, hostile inputs, gzip, and what reaches the database file.
@Suite struct SEN2ImportTests {
    struct Hub {
        let folder: TemporaryFolder
        let store: Store
        let runner: ImportRunner

        init(limits: InflationLimits = InflationLimits()) throws {
            folder = try TemporaryFolder()
            store = try Store(path: folder.file("hub.sqlite"))
            let secret = try HubSecret.create(path: folder.file("hub.secret"))
            let plugins = PluginCatalog.load(policy: builtInPluginPolicy)
            runner = ImportRunner(catalog: plugins, opener: InputOpener(limits: limits), store: store, secret: secret)
        }

        func importPath(_ path: String) -> ImportOutcome {
            let outcomes = runner.run(path: path)
            #expect(outcomes.count == 1)
            return outcomes[0]
        }

        func tableCounts() throws -> [String: Int] {
            var counts: [String: Int] = [:]
            for table in ["imports", "persons", "requests", "import_archive", "validation_issues", "quarantine"] {
                counts[table] = try store.database.scalar("SELECT count(*) FROM \(table)")?.int
            }
            return counts
        }

        func databaseBytes() throws -> Data {
            try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return try Data(contentsOf: URL(fileURLWithPath: folder.file("hub.sqlite")))
        }
    }

    var fixture2025: String { "\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml" }

    @Test func aFixtureReturnImportsCleanly() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        guard case let .imported(entry, _, summary) = hub.importPath(fixture2025) else {
            Issue.record("not imported")
            return
        }
        #expect(entry.importerID == "sen2-xml")
        #expect((entry.laCode, entry.collectionYear, entry.censusDate) == ("800", 2025, "2025-01-16"))
        #expect((entry.records, entry.quarantined, entry.errors, entry.warnings) == (8, 0, 0, 0))
        #expect(summary.tallies.isEmpty)
        #expect(try hub.tableCounts()["requests"] == 8)
        // Person 6: rank 1 placement left the day before the census, rank 2 (OLA) continues.
        let placements = try hub.store.database.rows("""
            SELECT pl.placement_rank, pl.urn, pl.sen_setting, pl.leaving_date FROM placements pl
            JOIN active_plans ap ON ap.id = pl.active_plans_id JOIN requests q ON q.id = ap.request_id
            JOIN persons p ON p.id = q.person_id WHERE p.person_index = 6 ORDER BY pl.placement_rank
            """)
        #expect(placements == [[.integer(1), .text("100004"), .null, .text("2025-01-15")],
                               [.integer(2), .null, .text("OLA"), .null]])
    }

    /// Every shared sample imports, with its documented quirks quarantining the persons they affect.
    @Test(.enabled(if: sharedFolder != nil, "the reference data folder is absent (docs/testing.md)"),
          arguments: [
              ("SEN2-2024-mockup.xml", 2024, 1, 1),       // URN+UKPRN+SENSetting together on person 1
              ("bad_sen2_sample_2024.xml", 2024, 0, 2),   // also a 14-character UPN on person 2
              ("sen2_sample_2024.xml", 2024, 0, 2),       // 14-character UPNs
              ("sen2_sample_2025.xml", 2025, 0, 2),
          ])
    func eachSharedSampleImportsWithItsQuirksQuarantined(file: String, year: Int, stored: Int, quarantined: Int) throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        guard case let .imported(entry, _, _) = hub.importPath("\(sharedFolder!)/samples/sen2/\(file)") else {
            Issue.record("\(file) not imported")
            return
        }
        #expect(entry.collectionYear == year)
        #expect(entry.records == stored)
        #expect(entry.quarantined == quarantined)
        #expect(try hub.tableCounts()["quarantine"] == quarantined)
        let bytes = try hub.databaseBytes()
        for secret in ["TestFamilyName", "TestFirstname", "RequestRefused", "X1234567898765", "X123456789875", "AA11AA", "Free text here"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) found in the database after importing \(file)")
        }
    }

    /// The 2023 sample's header has Year 2024 and a 2023 ReferenceDate: it would be counted at one
    /// census and filed under another collection, so it is refused whole.
    @Test(.enabled(if: sharedFolder != nil, "the reference data folder is absent (docs/testing.md)"))
    func theSampleWithAYearAndReferenceDateThatDisagreeIsRejected() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        guard case let .rejected(_, reason) = hub.importPath("\(sharedFolder!)/samples/sen2/sen2_sample_2023.xml") else {
            Issue.record("imported")
            return
        }
        #expect(reason.contains("[SEN2-HEADER-REFDATE-YEAR]"))
        #expect(try hub.tableCounts()["imports"] == 0)
    }

    /// ehcp_caseload: person 2 repeats person 1's UPN, so both are quarantined (the first after it
    /// was stored) and the census summary counts 6 children of the 8, not 8 nor 7.
    @Test func aRepeatedUPNQuarantinesBothPersonsAndTheSummaryIsRecounted() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let text = try String(contentsOfFile: fixture2025, encoding: .utf8)
            .replacingOccurrences(of: "<UPN>H800000000021</UPN>", with: "<UPN>V800000000011</UPN>")
        let path = try hub.folder.write("repeated-upn.xml", text)
        let clean = try Hub()
        defer { clean.folder.remove() }
        _ = clean.importPath(fixture2025)
        let cleanChildren = try clean.store.database.scalar("SELECT census_children FROM return_summaries")?.int ?? 0
        guard case let .imported(entry, _, summary) = hub.importPath(path) else {
            Issue.record("not imported")
            return
        }
        #expect((entry.records, entry.quarantined, entry.errors) == (6, 2, 2))
        #expect(summary.quarantinedPersons == 2)
        #expect(try hub.store.database.rows("SELECT person_index, line, rules FROM quarantine ORDER BY 1")
                == [[.integer(1), .integer(24), .text("SEN2-UPN-DUPLICATE")], [.integer(2), .integer(82), .text("SEN2-UPN-DUPLICATE")]])
        #expect(try hub.store.database.rows("SELECT person_index FROM persons ORDER BY 1").map { $0[0].int! } == [3, 4, 5, 6, 7, 8])
        #expect(try hub.store.database.rows("SELECT rule_id, person_index FROM validation_issues ORDER BY 2")
                == [[.text("SEN2-UPN-DUPLICATE"), .integer(1)], [.text("SEN2-UPN-DUPLICATE"), .integer(2)]])
        let children = try hub.store.database.scalar("SELECT census_children FROM return_summaries")?.int ?? 0
        let activeOfFirstTwo = try clean.store.database.scalar("""
            SELECT count(DISTINCT p.id) FROM persons p JOIN requests q ON q.person_id = p.id JOIN assessments a ON a.request_id = q.id
            JOIN named_plans n ON n.assessment_id = a.id WHERE p.person_index IN (1, 2)
              AND n.start_date <= '2025-01-16' AND (n.cease_date IS NULL OR n.cease_date > '2025-01-16')
            """)?.int ?? 0
        #expect(children == cleanChildren - activeOfFirstTwo)
        #expect(try hub.store.database.scalar("SELECT sum(children) FROM census_needs")?.int == children)
        // No module row of the two is left behind.
        #expect(try hub.store.database.scalar("SELECT count(*) FROM requests")?.int
                == (try clean.store.database.scalar("""
                    SELECT count(*) FROM requests q JOIN persons p ON p.id = q.person_id WHERE p.person_index > 2
                    """)?.int))
    }

    /// The designated officers of the header are kept (table `return_sources`).
    @Test func theReturnsSourceAndDesignatedOfficersAreKept() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let text = try String(contentsOfFile: fixture2025, encoding: .utf8)
            .replacingOccurrences(of: "<DCO>Y</DCO>", with: "<DCO>r</DCO>")
        guard case let .imported(entry, _, _) = hub.importPath(try hub.folder.write("officers.xml", text)) else {
            Issue.record("not imported")
            return
        }
        #expect(try hub.store.database.rows("SELECT * FROM return_sources")
                == [[.integer(entry.id), .text("L"), .text("Y"), .text("R"), .text("Y")]])
        #expect(try ReturnSources(database: hub.store.database).designatedOfficers()[entry.id]?.summary == "DMO Y, DCO R, DSCO Y")
    }

    @Test func noNameOrFullUPNOfAFixtureReachesTheDatabase() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        for file in ["sen2-800-2024.xml", "sen2-800-2025.xml", "sen2-801-2025.xml"] {
            _ = hub.importPath("\(packageRoot)/Datasets/fixtures/\(file)")
        }
        let text = try String(contentsOfFile: fixture2025, encoding: .utf8)
        let upns = text.components(separatedBy: "<UPN>").dropFirst().map { String($0.prefix(13)) }
        #expect(upns.count == 8)
        let bytes = try hub.databaseBytes()
        for secret in upns + ["Kelmaro", "Tiva", "Weskarro", "BS1 4DJ", "2012-03-04"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) found in the database file")
        }
    }

    @Test func aGzippedReturnImportsLikeThePlainOne() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let gz = hub.folder.file("return.xml.gz")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c '\(fixture2025)' > '\(gz)'"]
        try process.run()
        process.waitUntilExit()
        guard case let .imported(entry, _, _) = hub.importPath(gz) else {
            Issue.record("not imported")
            return
        }
        #expect(entry.records == 8)
        #expect(entry.checksum != sha256Hex(Array(try Data(contentsOf: URL(fileURLWithPath: fixture2025)))))
    }

    @Test func entityExpansionIsRefusedAndNothingIsWritten() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let before = try hub.tableCounts()
        let laughs = try hub.folder.write("laughs.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE Message [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <Message><Header><CollectionDetails><Collection>SEN2</Collection><Year>2025</Year>
            <ReferenceDate>2025-01-16</ReferenceDate></CollectionDetails><Source><LEA>800</LEA></Source></Header>
            <Persons><Person><Surname>&lol2;</Surname></Person></Persons></Message>
            """)
        let external = try hub.folder.write("external.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE Message [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <Message><Header><CollectionDetails><Collection>SEN2</Collection></CollectionDetails></Header>
            <Persons><Person><Surname>&secret;</Surname></Person></Persons></Message>
            """)
        for path in [laughs, external] {
            let outcome = hub.importPath(path)
            guard case let .rejected(_, reason) = outcome else {
                Issue.record("\(path) was not rejected: \(outcome)")
                continue
            }
            #expect(reason.contains("line 2"), "\(reason)")
            #expect(reason.contains("DOCTYPE"), "\(reason)")
        }
        #expect(try hub.tableCounts() == before)
    }

    @Test func aFileCutOffHalfwayIsRejectedWithItsPlaceAndNothingIsWritten() throws {
        let hub = try Hub()
        defer { hub.folder.remove() }
        let text = try String(contentsOfFile: fixture2025, encoding: .utf8)
        let cut = try hub.folder.write("cut.xml", String(text.prefix(text.count / 2)))
        guard case let .rejected(_, reason) = hub.importPath(cut) else {
            Issue.record("not rejected")
            return
        }
        #expect(reason.hasPrefix("line "), "\(reason)")
        #expect(try hub.tableCounts()["imports"] == 0)
        #expect(try hub.tableCounts()["persons"] == 0)
    }

    @Test func aGzipBombIsRefused() throws {
        let hub = try Hub(limits: InflationLimits(maxRatio: 50, ratioGrace: 1 << 20))
        defer { hub.folder.remove() }
        // A SEN2 header followed by 50 MB of one empty element repeated: about 1000:1.
        let bomb = hub.folder.file("bomb.xml.gz")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "(printf '<Message><Header><CollectionDetails><Collection>SEN2</Collection><Year>2025</Year><ReferenceDate>2025-01-16</ReferenceDate></CollectionDetails><Source><LEA>800</LEA></Source></Header><Persons>'; yes '<Pad/>' | head -c 52428800) | gzip -c > '\(bomb)'"]
        try process.run()
        process.waitUntilExit()
        guard case let .rejected(_, reason) = hub.importPath(bomb) else {
            Issue.record("not rejected")
            return
        }
        #expect(reason.contains("inflates past a ratio of 50:1"), "\(reason)")
        #expect(try hub.tableCounts()["imports"] == 0)
    }
}
