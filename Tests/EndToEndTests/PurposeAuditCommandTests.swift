import Comparison
import Foundation
import HubTestSupport
import ComparisonTables
import DisclosureAudit
import HubKit
import Testing

/// The same on the demo set through the command: with 803 left out of forecasting, each purpose's
/// pattern computed alone gives hidden counts away when the two are read together; the hub's
/// pattern over both passes for an outsider and for every LA knowing its own figures.
@Suite(.serialized) struct PurposeAuditCommandTests {
    @Test func theAuditCoversEveryPurposesOutputs() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        let demo = try String(contentsOfFile: "Datasets/demo/hub.yaml", encoding: .utf8)
        try
            (demo + """

                purposes:
                  benchmarking: { opted_in: ["800", "801", "802", "803"] }
                  forecasting: { opted_in: ["800", "801", "802"] }

                """).write(toFile: folder.path("hub.yaml"), atomically: true, encoding: .utf8)
        let hub = ["--config", folder.path("hub.yaml"), "--db", folder.path("hub.sqlite")]
        #expect(try runHub(["init"] + hub).status == 0)
        let imported = try runHub(["import"] + hub + ["Datasets/demo"])
        #expect(imported.status == 0, "\(imported.errors)")

        let separate = try runHub(["audit-disclosure"] + hub + ["--pattern", "separate"])
        #expect(separate.status == 1)
        #expect(separate.output.contains("purposes: benchmarking, forecasting (leaves out 803)"))
        #expect(separate.output.contains("PINNED"))
        let union = try runHub(["audit-disclosure"] + hub + ["--every-la"])
        #expect(union.status == 0, "\(union.output)")
        #expect(union.output.contains("(group:demo-partnership without 803)"))
        #expect(union.output.hasSuffix("LA 803 knowing its own figures: every hidden cell is protected\n"))
    }
}
