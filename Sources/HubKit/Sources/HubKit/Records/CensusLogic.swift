

// The census-date logic of sen2.md, shared by validation and metric plugins.

extension NamedPlanRecord {
    /// Active at `date`: started on or before it and not ceased by it (a plan ceasing on the census
    /// date itself is no longer active).
    public func isActive(on date: Day) -> Bool {
        guard let startDate, startDate <= date else { return false }
        return ceaseDate.map { $0 > date } ?? true
    }
}

extension SettingDetail {
    /// Attended on `date`: entered on or before it and not left before it (a placement left on the
    /// census date still counts). A placement with no EntryDate covers no date.
    public func isAttended(on date: Day) -> Bool {
        guard let entryDate, entryDate <= date else { return false }
        return leavingDate.map { $0 >= date } ?? true
    }
}
