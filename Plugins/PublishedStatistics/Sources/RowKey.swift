import HubKit

/// What a row is about: its period and its area. Every observation of the row shares it.
struct RowKey: Equatable {
    var timePeriod: String
    var timeIdentifier: String
    var geographicLevel: String
    var areaCode: String
    var areaName: String
}

/// Reads the ``RowKey`` of each row of one file.
struct RowKeyReader {
    private let file: String
    private let timePeriod: Int
    private let timeIdentifier: Int
    private let geographicLevel: Int
    private let locator: AreaLocator

    /// `header` must have passed ``TidyHeader/check(file:)``.
    init(header: TidyHeader, file: String) {
        self.file = file
        timePeriod = header.column(TidyHeader.timePeriod)!
        timeIdentifier = header.column(TidyHeader.timeIdentifier)!
        geographicLevel = header.column(TidyHeader.geographicLevel)!
        locator = AreaLocator(header: header, file: file)
    }

    /// The row's key; throws ``InputRejected`` naming the line and column when the period, the level
    /// or the area code is missing.
    func key(of row: TidyRow) throws -> RowKey {
        let period = try value(row, timePeriod, TidyHeader.timePeriod)
        let identifier = try value(row, timeIdentifier, TidyHeader.timeIdentifier)
        let level = try value(row, geographicLevel, TidyHeader.geographicLevel)
        let area = try locator.area(of: row)
        return RowKey(timePeriod: period, timeIdentifier: identifier, geographicLevel: level,
                      areaCode: area.code, areaName: area.name)
    }

    private func value(_ row: TidyRow, _ column: Int, _ name: String) throws -> String {
        let value = CSVText.trimmed(row.fields[column])
        guard !value.isEmpty else {
            throw InputRejected(file: file, line: row.line, column: column + 1, message: "column \(name) is empty")
        }
        return value
    }
}
