import HubKit

/// A tiny importer for tests of the import machinery, independent of any real format.
///
/// ```
/// TESTRETURN 201 2025 2025-01-16
/// person A123 2015-03-04 2024-01-10
/// fail
/// ```
/// Each `person` line is a child (identifier, birth date, plan start date); `fail` makes the
/// importer throw there, after the lines before it have gone into the sink.
package final class TestReturnImporter: Importer {
    package init() {}

    package var descriptor: ComponentDescriptor { ComponentDescriptor(id: "test-return", version: "1.0", summary: "test format") }
    package var produces: DatasetKind { .sen2Return }

    package func detect(_ source: ImportSource) -> Int? {
        source.files.count == 1 && source.files[0].head.starts(with: Array("TESTRETURN".utf8)) ? 100 : nil
    }

    package func read(_ source: ImportSource, into sink: any RecordSink) throws {
        let file = source.files[0]
        let stream = try file.open()
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        guard let header = lines.first, header.count == 4, let year = Int(header[2]), let census = Day(iso: header[3]) else {
            throw InputRejected(file: file.name, line: 1, message: "bad header")
        }
        try sink.beginReturn(ReturnHeader(collectionYear: year, referenceDate: census, laCode: header[1]))
        var index = 0
        for (number, words) in lines.enumerated().dropFirst() {
            if words.first == "fail" { throw InputRejected(file: file.name, line: number + 1, message: "told to fail") }
            guard words.count == 4, words[0] == "person" else { continue }
            index += 1
            let start = Day(iso: words[3])
            let plan = NamedPlanRecord(startDate: start)
            let request = RequestRecord(
                receivedDate: start?.adding(days: -100), rya: false, requestOutcomeDate: start?.adding(days: -90),
                requestOutcome: "Y", requestMediation: false, requestTribunal: false,
                assessment: AssessmentRecord(assessmentOutcome: "Y", assessmentOutcomeDate: start?.adding(days: -1),
                                             assessmentMediation: false, assessmentTribunal: false,
                                             otherMediation: false, otherTribunal: false, week20: false, namedPlan: plan),
                activePlans: ActivePlansRecord(
                    placements: [SettingDetail(senSetting: "EHE", placementRank: 1, entryDate: start)],
                    needs: [SENNeedRecord(senType: "ASD", senTypeRank: 1)]))
            try sink.person(PersonRecord(location: RecordLocation(index: index, line: number + 1),
                                         identifiers: PersonIdentifiers(upn: words[1], surname: "Testname"),
                                         birthDate: Day(iso: words[2]), sex: "F", ethnicity: "WBRI",
                                         postcode: "AB1 2CD", requests: [request]))
        }
    }
}

/// Three children of LA 201 in a ``TestReturnImporter`` return of 2025.
package enum TestReturns {
    package static let upn1 = validUPN("201123456781")
    package static let upn2 = validUPN("201123456782")
    package static let upn3 = validUPN("201123456783")
    package static let first = """
        TESTRETURN 201 2025 2025-01-16
        person \(upn1) 2012-03-04 2023-05-01
        person \(upn2) 2014-07-08 2024-02-01
        person \(upn3) 2010-11-12 2022-09-01
        """
}

/// A test's import ended otherwise than it expected (thrown, so the test fails with the outcome).
package struct UnexpectedOutcome: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
