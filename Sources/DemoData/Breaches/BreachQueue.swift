import HubKit

/// The breaches still to write into one return, and those written: each is put into the first
/// person at or after its position that has what the edit needs, one breach per person.
struct BreachQueue: Sendable {
    /// A breach waiting for a suitable person.
    struct Pending: Sendable {
        let breach: Breach
        /// Not before this person (1-based), so that breaches spread through the file.
        let fromPerson: Int
    }

    /// A breach written.
    struct Written: Sendable, Hashable {
        /// 1-based position of the person in the return, as the validator counts.
        let person: Int
        let breach: Breach
        /// What was changed, for people reading the manifest.
        let change: String
    }

    private(set) var pending: [Pending] = []
    private(set) var written: [Written] = []
    /// The UPN of the first untouched person and where it is, for `SEN2-UPN-DUPLICATE` (which
    /// the first holder breaks too).
    private(set) var earlierUPN: (upn: String, person: Int)?
    /// The ULN of the first untouched person that has one, for `SEN2-QUALITY-PROBABLE-DUPLICATE`.
    private(set) var earlierULN: String?

    var isEmpty: Bool { pending.isEmpty }

    mutating func add(_ breach: Breach, fromPerson: Int) {
        pending.append(Pending(breach: breach, fromPerson: fromPerson))
    }

    /// Applies the first pending breach that fits person `index`; returns whether one did.
    mutating func apply(to xml: inout PersonXML, person index: Int, year: Int, census: Day) -> Bool {
        let context = BreachContext(year: year, census: census, earlierUPN: earlierUPN?.upn, earlierULN: earlierULN)
        for (position, item) in pending.enumerated() where item.fromPerson <= index {
            if let change = item.breach.apply(to: &xml, context) {
                written.append(Written(person: index, breach: item.breach, change: change))
                if item.breach == .duplicateUPN, let earlier = earlierUPN {
                    written.append(Written(person: earlier.person, breach: .duplicateUPN,
                                           change: "first holder of the UPN person \(index) repeats"))
                }
                pending.remove(at: position)
                return true
            }
        }
        if earlierUPN == nil, let upn = xml.value("UPN") { earlierUPN = (upn, index) }
        if earlierULN == nil { earlierULN = xml.value("UniqueLearnerNumber") }
        return false
    }
}
