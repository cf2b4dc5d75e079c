import HubKit

/// Builds each ``PersonRecord`` from its person row and the rows linked below it, field for field
/// as the SEN2 XML importer builds it from a `<Person>` element.
struct BladePersonAssembler {
    let persons: BladeTable
    let tables: [BladeTableKind: BladeTable]
    let links: BladeLinks

    /// The person in row `position` of the person table, the `index`-th person of the return.
    func person(at position: Int, index: Int) -> PersonRecord {
        let row = BladeRecordRow(table: persons, row: persons.rows[position])
        var fields = BladeFieldReader(personIndex: index)
        let path = BladePersonPath()
        var person = PersonRecord(location: RecordLocation(index: index, line: row.row.line, file: persons.fileName))
        person.identifiers = PersonIdentifiers(
            upn: fields.code("UPN", in: row), uniqueLearnerNumber: fields.string("UniqueLearnerNumber", in: row),
            surname: fields.string("Surname", in: row), forename: fields.string("Forename", in: row))
        person.birthDate = fields.day("PersonBirthDate", in: row, at: path)
        person.sex = fields.code("Sex", in: row) ?? fields.code("GenderCurrent", in: row).map(Self.sex(fromGenderCurrent:))
        person.ethnicity = fields.code("Ethnicity", in: row)
        person.postcode = fields.string("PostCode", in: row)
        person.upnUnknown = fields.code("UPNunknown", in: row)
        for (number, request) in children(.requests, of: row).enumerated() {
            var requestPath = path
            requestPath.request = number + 1
            person.requests.append(self.request(request, at: requestPath, fields: &fields))
        }
        person.issues = fields.issues
        return person
    }

    /// 2023 `GenderCurrent` (0 not known, 1 male, 2 female, 9 not specified) as a 2024+ `Sex` code;
    /// any other value is carried through for validation to report.
    static func sex(fromGenderCurrent code: String) -> String {
        switch code {
        case "1": "M"
        case "2": "F"
        case "0", "9": "U"
        default: code
        }
    }

    /// Module 2: a `requests` row.
    private func request(_ row: BladeRecordRow, at path: BladePersonPath, fields: inout BladeFieldReader) -> RequestRecord {
        var request = RequestRecord()
        request.receivedDate = fields.day("ReceivedDate", in: row, at: path)
        request.requestSource = fields.code("RequestSource", in: row)
        request.rya = fields.flag("RYA", in: row, at: path)
        request.requestOutcomeDate = fields.day("RequestOutcomeDate", in: row, at: path)
        request.requestOutcome = fields.code("RequestOutcome", in: row)
        request.requestMediation = fields.flag("RequestMediation", in: row, at: path)
        request.requestTribunal = fields.flag("RequestTribunal", in: row, at: path)
        request.exported = fields.code("Exported", in: row)

        var assessmentPath = path
        assessmentPath.inAssessment = true
        request.assessment = onlyChild(.assessment, of: row, at: assessmentPath, fields: &fields).map {
            assessment($0, at: assessmentPath, fields: &fields)
        }
        var activePlansPath = path
        activePlansPath.inActivePlans = true
        request.activePlans = onlyChild(.activePlans, of: row, at: activePlansPath, fields: &fields).map {
            activePlans($0, at: activePlansPath, fields: &fields)
        }
        return request
    }

    // MARK: - Links

    /// The rows of `kind` under `parent`, in order.
    func children(_ kind: BladeTableKind, of parent: BladeRecordRow) -> [BladeRecordRow] {
        guard let table = tables[kind] else { return [] }
        return links.rows(of: kind, under: parent.table.id(of: parent.row)).map {
            BladeRecordRow(table: table, row: table.rows[$0])
        }
    }

    /// The one row of `kind` under `parent` (a module the return allows once there), or nil. Any
    /// further rows are reported as repeated and left out, as the XML importer keeps the first.
    func onlyChild(_ kind: BladeTableKind, of parent: BladeRecordRow, at path: BladePersonPath,
                   fields: inout BladeFieldReader) -> BladeRecordRow? {
        let rows = children(kind, of: parent)
        guard let first = rows.first else { return nil }
        for extra in rows.dropFirst() {
            fields.repeated(extra, firstLine: first.row.line, parentID: parent.table.id(of: parent.row) ?? "", at: path)
        }
        return first
    }
}
