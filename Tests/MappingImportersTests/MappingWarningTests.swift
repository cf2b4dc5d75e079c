import Foundation
import HubKit
import HubTestSupport
import InputFiles
import MappingImporters
import Testing

/// `hnhub validate --importer`'s warnings name the indicators a mapping's empty column or constant
/// moves, as the loaded metric plugins declare them in `inputs`: the host knows none of its own.
@Suite struct MappingWarningTests {
    /// Two indicators of a local plugin, declared as any metric plugin declares them.
    static let definitions = [
        IndicatorDefinition(id: "local_exceptions_share", title: "New plans with a 20-week exception", unit: .percent,
                            polarity: .none, periodType: .calendar, numerator: "new plans with Week20 = 1",
                            denominator: "new plans", sources: [.sen2Returns],
                            inputs: ["assessment.AssessmentOutcome", "assessment.Week20"]),
        IndicatorDefinition(id: "local_appeals", title: "Appeals", unit: .count, polarity: .none, periodType: .calendar,
                            numerator: "assessment decisions taken to tribunal", sources: [.sen2Returns],
                            inputs: ["assessment.AssessmentOutcome", "assessment.AssessmentTribunal", "assessment.AssessmentOutcome"]),
    ]

    @Test func eachElementFeedsTheIndicatorsThatDeclareItInTheirOrder() {
        let inputs = IndicatorInputs(Self.definitions)
        #expect(inputs.byElement == [
            "assessment.AssessmentOutcome": ["local_exceptions_share", "local_appeals"],
            "assessment.Week20": ["local_exceptions_share"],
            "assessment.AssessmentTribunal": ["local_appeals"],
        ])
        #expect(IndicatorInputs([]).byElement.isEmpty)
    }

    @Test func anElementIsWrittenSectionDotName() {
        #expect(SEN2Element("placements.URN") == SEN2Element(section: "placements", name: "URN"))
        #expect(SEN2Element("URN") == SEN2Element(section: "", name: "URN"))
        #expect(SEN2Element("plan.StartDate").description == "plan.StartDate")
    }

    @Test func aWarningListsFourIndicatorsAndCountsTheRestAndWritesAFamilyOnce() {
        #expect(MappingWarning.listed(["a_count"]) == "a_count")
        #expect(MappingWarning.listed(["rate", "share_x", "share_y", "count"]) == "rate, share_x, share_y, count")
        #expect(MappingWarning.listed(["rate", "share_x", "share_y", "count", "total"])
                == "rate, share_x, share_y and 2 more indicators (docs/mapping-importers.md)")
        #expect(MappingWarning.listed(["rate", "need_a", "need_b", "other", "need_c"]) == "rate, need_*, other")
    }

    static let mapping = """
        id: tiny
        file:
          headers: [ID]
        return:
          la_code: "800"
          census_date: 2025-01-16
        fields:
          person:
            UPN: ID
          request:
            ReceivedDate: Received
            RequestMediation: {value: 0}
          assessment:
            AssessmentOutcome: Outcome
            Week20: Week 20
            AssessmentTribunal: {value: 0}
            OtherTribunal: {value: 0, when: {AssessmentOutcome: Y}}
            OtherMediation: {column: Other Mediation, default: 0}
        """

    func warnings(declared definitions: [IndicatorDefinition]) throws -> [String] {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let mapping = try MappingDefinition.parse(yaml: Self.mapping, file: "tiny.yaml")
        let export = try folder.write("export.csv", "ID,Received,Outcome,Week 20,Other Mediation\nX800123415001,2024-09-02,Y,,\n")
        let diagnosis = try MappingDiagnosis(importer: MappingImporter(mapping: mapping), source: InputOpener().source(path: export))
        return MappingWarning.check(mapping, diagnosis, inputs: IndicatorInputs(definitions)).map(\.description)
    }

    @Test func theWarningsNameTheIndicatorsTheElementFeeds() throws {
        #expect(try warnings(declared: Self.definitions) == [
            "tiny.yaml:12: fields.request.RequestMediation: the constant 0 stands for every child: it says no request went to mediation (or every one did); map the column your system records it in, or keep the constant only if it is true of every child",
            "tiny.yaml:15: fields.assessment.Week20: column 'Week 20' is empty in every row, so no child has Week20; it feeds local_exceptions_share: fill the column in the export, or map the column that holds it",
            "tiny.yaml:16: fields.assessment.AssessmentTribunal: the constant 0 stands for every child: it fixes the tribunal flag of every assessment decision, so none or all of them count as taken to tribunal; it feeds local_appeals: map the column your system records it in, or keep the constant only if it is true of every child",
            "tiny.yaml:18: fields.assessment.OtherMediation: column 'Other Mediation' is empty in every row, so its default 0 stands for every child: it says no other mediation took place (or every one did); map the column your system records it in, or keep it only if it is true of every child",
        ])
    }

    /// With no plugin declaring the elements, an empty column moves no figure, and a constant or a
    /// default standing for every child is still a wrong answer in every child's record. A
    /// conditional constant (`when:`) is never warned about.
    @Test func withNoIndicatorDeclaringTheElementsOnlyTheConstantsAreWarnedAbout() throws {
        #expect(try warnings(declared: []) == [
            "tiny.yaml:12: fields.request.RequestMediation: the constant 0 stands for every child: it says no request went to mediation (or every one did); map the column your system records it in, or keep the constant only if it is true of every child",
            "tiny.yaml:16: fields.assessment.AssessmentTribunal: the constant 0 stands for every child: it fixes the tribunal flag of every assessment decision, so none or all of them count as taken to tribunal; map the column your system records it in, or keep the constant only if it is true of every child",
            "tiny.yaml:18: fields.assessment.OtherMediation: column 'Other Mediation' is empty in every row, so its default 0 stands for every child: it says no other mediation took place (or every one did); map the column your system records it in, or keep it only if it is true of every child",
        ])
    }
}
