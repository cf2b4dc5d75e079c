/// The topics outputs group indicators by: a workbook sheet, a report section. Listed in the
/// order outputs show them (docs/indicators.md).
public enum IndicatorTopic: String, Sendable, CaseIterable, Codable {
    case caseloadAndPlacements = "Caseload and placements"
    case needs = "Needs"
    case timeliness = "Timeliness"
    case requestsAndAssessments = "Requests and assessments"
    case costs = "Costs"
    /// Declarative metrics and anything a plugin does not place in a topic.
    case other = "Other"
}

/// One of the few measures shown at the top of the report, and how much an indicator is preferred
/// to stand for it: several indicators can stand for a measure (a rate needs population, so a
/// count stands in for it where population is missing); the report shows the most preferred one
/// that has a figure.
public struct HeadlineRole: Sendable, Hashable, Codable {
    /// The measure's label, e.g. `EHCP rate`; indicators with the same label stand for one measure.
    public var measure: String
    /// Where the measure sits among the headline measures (1 first).
    public var position: Int
    /// 1 for the indicator that stands for the measure first, 2 for its stand-in, and so on.
    public var preference: Int

    public init(measure: String, position: Int, preference: Int = 1) {
        self.measure = measure
        self.position = position
        self.preference = preference
    }
}

/// Where outputs show an indicator: its topic, its place in the topic, and the headline measure it
/// can stand for. The host knows no indicator ids: it groups, orders and picks headline figures
/// from what each metric plugin declares here.
public struct IndicatorPresentation: Sendable, Hashable, Codable {
    public var topic: IndicatorTopic
    /// Place within the topic (lower first; ties by id).
    public var order: Int
    public var headline: HeadlineRole?

    public init(topic: IndicatorTopic = .other, order: Int = 0, headline: HeadlineRole? = nil) {
        self.topic = topic
        self.order = order
        self.headline = headline
    }
}

extension IndicatorDefinition {
    /// The same definition shown under `topic`, at `order`, standing for `headline` if given.
    public func presented(in topic: IndicatorTopic, order: Int, headline: HeadlineRole? = nil) -> IndicatorDefinition {
        var definition = self
        definition.presentation = IndicatorPresentation(topic: topic, order: order, headline: headline)
        return definition
    }
}
