import Foundation
import HubStore
import Hummingbird

/// Uploading a return (or, for the admin, a reference data set) and following its import.
struct UploadRoutes {
    let service: HubService

    func register(_ table: RouteTable) {
        let service = self.service
        table.guarded(.get, "/upload", .page, resolve: { _, _, _ in .upload(la: nil, reference: false) }) { _, _, grant in
            service.page("Upload", grant, body: service.uploadForm(grant))
        }
        table.guarded(.post, "/upload", .page, body: .stream, resolve: { _, _, _ in .upload(la: nil, reference: false) }) { request, context, grant in
            let job = try await service.handleUpload(grant: grant, request: request, context: context) { folder in
                try await service.receiveForm(request, grant: grant, folder: folder)
            }
            return Responses.seeOther("/uploads/\(job.id)")
        }
        table.guarded(.get, "/uploads/{id}", .page, resolve: { _, context, _ in
            try service.uploadResource(context.parameters.get("id"))
        }) { _, context, grant in
            let id = try service.importID(context)
            guard let job = try service.store.read({ try UploadJobs(database: $0).job(id: id) }) else {
                throw ServiceError.notFound("No upload #\(id).")
            }
            var findings: ImportFindings?
            if let importID = job.importID, job.state == .imported || job.state == .unchanged {
                findings = try service.store.read { try ImportFindings.load($0, importID: importID, perRule: 50) }
                service.audit.record(.by(grant.user, action: "view-findings", target: "import #\(importID) (upload #\(id))",
                                         client: context.client))
            }
            return service.page("Upload #\(id)", grant, body: service.uploadPage(job, findings: findings),
                                refreshSeconds: job.state.isRunning ? 2 : nil)
        }
    }
}

extension HubService {
    /// An upload belongs to the LA of its return (a reference data set to the admin).
    func uploadResource(_ text: String?) throws -> Resource {
        guard let text, let id = Int64(text), id > 0 else { throw ServiceError.badRequest("An upload id is a positive number.") }
        // A missing id is refused as another LA's is (see findingsResource).
        let job = try store.read { try UploadJobs(database: $0).job(id: id) }
        return .findings(la: job?.laCode)
    }

    func uploadForm(_ grant: Grant) -> String {
        let user = grant.user
        var html = "<h1>Upload a return</h1>"
        html += user.role == .admin
            ? "<p>A SEN2 return of any LA (XML as exported, or .xml.gz), or a reference data set the hub imports (establishments, population, costs, published tables).</p>"
            : "<p>A SEN2 return of \(HTMLText.escape(shelf.figures.geography.name(user.laCode ?? ""))) (\(HTMLText.escape(user.laCode ?? ""))): the XML as exported, or .xml.gz.</p>"
        html += "<p class=\"hint\">The file is checked as <code>hnhub import</code> checks it: validated, pseudonymised and stored in one transaction, "
            + "or not at all. A new return for the same year replaces the current one, which stays in history. "
            + "Files up to \(Self.megabytes(setup.maxUploadBytes)).</p>"
        html += """
            <form method="post" action="/upload" enctype="multipart/form-data">
            \(HTMLText.csrfField(grant.csrfToken))
            <label class="drop" for="file">Drop the file here, or choose it
            <input type="file" id="file" name="file" required accept=".xml,.gz,.csv,.xlsx,application/xml,text/xml,application/gzip">
            </label>
            <p><button type="submit">Upload and import</button></p>
            </form>
            """
        return html
    }

    func uploadPage(_ job: UploadJob, findings: ImportFindings?) -> String {
        var html = "<h1>Upload #\(job.id): \(HTMLText.escape(job.fileName))</h1>"
        html += "<p>\(Self.megabytes(job.bytes)), uploaded \(HTMLText.escape(job.createdAt))"
            + (job.laCode.map { " for LA \(HTMLText.escape($0))" } ?? "") + ".</p>"
        switch job.state {
        case .queued:
            html += "<p class=\"notice\" role=\"status\">Waiting for the import before it to finish. This page refreshes itself.</p>"
        case .importing:
            let progress = imports.progress(of: job.id)
            html += "<p class=\"notice\" role=\"status\">Importing: validating, pseudonymising and storing. This page refreshes itself.</p>"
            if let progress, progress.total > 0 {
                let percent = min(100, progress.read * 100 / progress.total)
                html += "<p><label for=\"progress\">Read \(percent)%</label><progress id=\"progress\" max=\"100\" value=\"\(percent)\">\(percent)%</progress></p>"
            }
        case .imported, .unchanged:
            html += "<p class=\"notice\" role=\"status\"><strong>\(job.state == .imported ? "Imported" : "Unchanged")</strong>: "
                + "\(HTMLText.escape(job.message ?? ""))</p>"
        case .rejected, .failed:
            html += "<p class=\"error\" role=\"alert\"><strong>Not imported</strong>: \(HTMLText.escape(job.message ?? ""))</p>"
                + "<p><a href=\"/upload\">Upload a corrected file</a></p>"
        }
        if let findings {
            html += findingsTables(findings)
            html += "<p><a href=\"/returns/\(findings.entry.id)\">The import's page</a> · "
                + "<a href=\"/returns/\(findings.entry.id)/findings.csv\">every finding (CSV)</a></p>"
        }
        return html
    }
}
