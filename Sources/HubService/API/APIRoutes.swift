import ComparisonTables
import Exports
import Foundation
import HubStore
import Hummingbird

/// The JSON API under `/api/v1` (described by `/api/v1/openapi.json`, docs/service.md "API"):
/// the same figures, returns, findings and uploads as the pages, for the same audiences, with an
/// API token or a session.
struct APIRoutes {
    let service: HubService

    func register(_ table: RouteTable) {
        let service = self.service
        table.open(.get, "/api/v1/openapi.json", .api) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        table.guarded(.get, "/api/v1/me", .api, resolve: { _, _, _ in .signedIn }) { _, _, grant in
            let user = grant.user
            return JSONBody.response(["username": user.username, "role": user.role.rawValue, "la_code": JSONBody.value(user.laCode),
                                      "group": JSONBody.value(user.groupName)])
        }
        table.guarded(.get, "/api/v1/indicators", .api, resolve: { request, _, user in
            .figures(try service.parameters(request).figureScope(for: user))
        }) { request, _, grant in
            guard case .figures(let scope) = grant.resource else { throw ServiceError.forbidden("not figures") }
            let parameters = service.parameters(request)
            let indicators = request.uri.queryParameters[values: "indicator"].map(String.init)
            let tables = try service.outputs(grant.figures).indicatorTables(scope, period: try parameters.period(),
                                                                                    indicators: indicators, audience: grant.audience)
            var body = APIShapes.indicators(tables, scope: scope, audience: grant.audience)
            body.merge(APIShapes.leftOut(grant.figures.benchmarking)) { $1 }
            return JSONBody.response(body)
        }
        table.guarded(.get, "/api/v1/compare", .api, resolve: { request, _, user in
            try service.parameters(request).comparison(for: user)
        }) { request, _, grant in
            guard case let .comparison(la, own, peers) = grant.resource else { throw ServiceError.forbidden("not a comparison") }
            let lines = try service.outputs(grant.figures).comparison(la: la, peers: peers, period: try service.parameters(request).period(),
                                                                              audience: grant.audience)
            let rendered = try JSONSerialization.jsonObject(with: Data(try ComparisonJSON.render(lines, peers: peers).utf8))
            return JSONBody.response(["la_code": la, "own_view": own && grant.audience.ownLA == la, "peers": peers.description,
                                      "lines": rendered].merging(APIShapes.leftOut(grant.figures.benchmarking)) { $1 })
        }
        table.guarded(.get, "/api/v1/returns", .api, resolve: { request, _, user in
            try service.returnsResource(request, user: user)
        }) { _, _, grant in
            guard case .returns(let la) = grant.resource else { throw ServiceError.forbidden("not returns") }
            let entries = try service.store.read { try ImportLedger(database: $0).entries(dataset: la == nil ? nil : "sen2-return") }
                .filter { la == nil || $0.laCode == la }
            return JSONBody.response(["returns": entries.map(APIShapes.entry)])
        }
        table.guarded(.get, "/api/v1/returns/{id}/findings", .api, resolve: { _, context, _ in
            try service.findingsResource(importID: context.parameters.get("id"))
        }) { request, context, grant in
            let id = try service.importID(context)
            let limit = request.uri.queryParameters["limit"].flatMap { Int($0) }.map { max(1, min($0, 100_000)) } ?? 1000
            guard let findings = try service.store.read({ try ImportFindings.load($0, importID: id, perRule: limit) }) else {
                throw ServiceError.notFound("No import #\(id).")
            }
            service.audit.record(.by(grant.user, action: "view-findings", target: "import #\(id) (api)", client: context.client))
            return JSONBody.response(APIShapes.findings(findings))
        }
        table.guarded(.post, "/api/v1/uploads", .api, body: .none, resolve: { _, _, _ in .upload(la: nil, reference: false) }) { request, context, grant in
            let name = request.uri.queryParameters["name"].map(String.init)
            let job = try await service.handleUpload(grant: grant, request: request, context: context) { folder in
                try await service.receiveRaw(request, name: name, folder: folder)
            }
            var response = JSONBody.response(["upload": APIShapes.job(job, progress: nil)], status: .accepted)
            response.headers[.location] = "/api/v1/uploads/\(job.id)"
            return response
        }
        table.guarded(.get, "/api/v1/uploads/{id}", .api, resolve: { _, context, _ in
            try service.uploadResource(context.parameters.get("id"))
        }) { _, context, grant in
            let id = try service.importID(context)
            guard let job = try service.store.read({ try UploadJobs(database: $0).job(id: id) }) else {
                throw ServiceError.notFound("No upload #\(id).")
            }
            return JSONBody.response(["upload": APIShapes.job(job, progress: service.imports.progress(of: id))])
        }
    }
}

/// The JSON objects of the API (their shapes are in the OpenAPI document).
enum APIShapes {
    /// The members a benchmarking answer leaves out (not opted in; docs/governance.md) and the
    /// sentence saying so (null when none is left out).
    static func leftOut(_ scope: PurposeScope) -> [String: Any] {
        ["left_out": scope.leftOut, "purpose_notice": JSONBody.value(scope.notice)]
    }

    static func entry(_ e: ImportEntry) -> [String: Any] {
        ["import_id": e.id, "dataset": e.dataset, "source": e.sourceName, "sha256": e.checksum, "importer": e.importerID,
         "imported_at": e.importedAt, "records": e.records, "quarantined": e.quarantined, "errors": e.errors,
         "warnings": e.warnings, "current": e.isCurrent, "la_code": JSONBody.value(e.laCode),
         "collection_year": JSONBody.value(e.collectionYear), "census_date": JSONBody.value(e.censusDate),
         "superseded_by": JSONBody.value(e.supersededBy)]
    }

    static func job(_ job: UploadJob, progress: (read: Int, total: Int)?) -> [String: Any] {
        var object: [String: Any] = [
            "id": job.id, "file_name": job.fileName, "bytes": job.bytes, "state": job.state.rawValue,
            "la_code": JSONBody.value(job.laCode), "importer": JSONBody.value(job.importerID),
            "import_id": JSONBody.value(job.importID), "message": JSONBody.value(job.message),
            "created_at": job.createdAt, "finished_at": JSONBody.value(job.finishedAt),
        ]
        if let progress { object["progress"] = ["read": progress.read, "total": progress.total] }
        return object
    }

    static func findings(_ findings: ImportFindings) -> [String: Any] {
        ["import": entry(findings.entry),
         "rules": findings.rules.map { rule in
             ["rule": rule.ruleID, "severity": rule.severity, "count": rule.count,
              "findings": rule.findings.map { f in
                  ["person": JSONBody.value(f.personIndex), "line": JSONBody.value(f.line), "file": JSONBody.value(f.file),
                   "path": JSONBody.value(f.path), "value": JSONBody.value(f.value), "message": f.message] as [String: Any]
              }] as [String: Any]
         },
         "quarantined": findings.quarantined.map { ["person": $0.personIndex, "line": JSONBody.value($0.line), "rules": $0.rules] as [String: Any] }]
    }

    static func indicators(_ tables: [(table: LATable, rows: [LATableRow])], scope: FigureScope, audience: Audience) -> [String: Any] {
        var values: [[String: Any]] = []
        var totals: [[String: Any]] = []
        for (table, rows) in tables {
            let d = table.definition
            for row in rows {
                let f = row.figure
                /// A hidden cell's figures are null, never its value.
                func shown(_ value: Any?) -> Any { row.hidden ? NSNull() : JSONBody.value(value) }
                values.append([
                    "indicator": d.id, "period": table.period, "la_code": f.laCode, "unit": d.unit.rawValue, "polarity": d.polarity.rawValue,
                    "value": shown(f.value), "numerator": shown(f.numerator), "denominator": shown(f.denominator),
                    "suppressed": row.hidden, "rank": shown(row.rank), "band": shown(row.band?.rawValue), "source": f.source ?? "returns",
                ])
            }
            for total in [table.group, table.england].compactMap({ $0 }) {
                totals.append(["indicator": d.id, "period": table.period, "name": total.name, "value": JSONBody.value(total.value),
                               "numerator": total.numerator, "denominator": JSONBody.value(total.denominator), "la_count": total.laCount,
                               "suppressed": false])
            }
            // A total the pattern hides is listed as the CLI's `c`: named, its figures null.
            var hidden: [String] = []
            if case .group(let name) = scope, table.hiddenTotals.contains(TotalKey.group(name)) { hidden.append(name) }
            if table.hiddenTotals.contains(TotalKey.england) { hidden.append("England") }
            for name in hidden {
                totals.append(["indicator": d.id, "period": table.period, "name": name, "value": NSNull(), "numerator": NSNull(),
                               "denominator": NSNull(), "la_count": NSNull(), "suppressed": true])
            }
        }
        return ["scope": scope.description, "own_la": JSONBody.value(audience.ownLA), "values": values, "totals": totals]
    }
}
