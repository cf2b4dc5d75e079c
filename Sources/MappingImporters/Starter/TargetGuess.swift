/// Guesses which SEN2 element a column feeds from its name: each element has phrases an export
/// may call it (`Date of Birth`, `DOB`), and a column whose name holds every word of a phrase is a
/// candidate, scored by the words matched less the words left over. The list is in
/// docs/mapping-importers.md ("Starting from an export"); a guess is only a starting point.
enum TargetGuess {
    /// Phrases for one element. `slot` fixes the slot (primary need 1, secondary 2); nil takes the
    /// digit in the column's name (`Placement 2 URN`), else 1, for the repeating sections.
    struct Alias {
        var section: String
        var element: String
        var slot: Int?
        var phrases: [String]
    }

    static let aliases: [Alias] = [
        Alias(section: "person", element: "UPN", phrases: ["upn", "unique pupil number", "pupil number"]),
        Alias(section: "person", element: "UniqueLearnerNumber", phrases: ["uln", "unique learner number", "learner number"]),
        Alias(section: "person", element: "Surname", phrases: ["surname", "last name", "family name"]),
        Alias(section: "person", element: "Forename", phrases: ["forename", "first name", "given name"]),
        Alias(section: "person", element: "PersonBirthDate", phrases: ["date of birth", "dob", "birth date", "birthdate", "born"]),
        Alias(section: "person", element: "Sex", phrases: ["sex", "gender"]),
        Alias(section: "person", element: "Ethnicity", phrases: ["ethnicity", "ethnic", "ethnic group"]),
        Alias(section: "person", element: "PostCode", phrases: ["postcode", "post code", "postal code"]),
        Alias(section: "person", element: "UPNunknown", phrases: ["upn unknown", "upn reason", "no upn reason"]),
        Alias(section: "request", element: "ReceivedDate", phrases: ["request received", "request date", "received",
                                                                     "date received", "referral date"]),
        Alias(section: "request", element: "RequestSource", phrases: ["request source", "request from", "source",
                                                                      "requested by", "referrer"]),
        Alias(section: "request", element: "RYA", phrases: ["rya", "young person request", "request by young person"]),
        Alias(section: "request", element: "RequestOutcomeDate", phrases: ["decision date", "decision made", "request outcome date",
                                                                           "date of decision"]),
        Alias(section: "request", element: "RequestOutcome", phrases: ["decision", "request outcome", "request decision",
                                                                       "decision to assess"]),
        Alias(section: "request", element: "RequestMediation", phrases: ["mediation", "request mediation"]),
        Alias(section: "request", element: "RequestTribunal", phrases: ["tribunal", "request tribunal", "appeal"]),
        Alias(section: "request", element: "Exported", phrases: ["exported", "transferred out", "transferred to"]),
        Alias(section: "assessment", element: "AssessmentOutcome", phrases: ["assessment outcome", "assessment result",
                                                                             "assessment decision", "issue decision"]),
        Alias(section: "assessment", element: "AssessmentOutcomeDate", phrases: ["assessment outcome date", "assessment result date",
                                                                                 "assessment decision date", "final plan date",
                                                                                 "issue date", "date issued"]),
        Alias(section: "assessment", element: "AssessmentMediation", phrases: ["assessment mediation"]),
        Alias(section: "assessment", element: "AssessmentTribunal", phrases: ["assessment tribunal", "assessment appeal"]),
        Alias(section: "assessment", element: "OtherMediation", phrases: ["other mediation"]),
        Alias(section: "assessment", element: "OtherTribunal", phrases: ["other tribunal"]),
        Alias(section: "assessment", element: "Week20", phrases: ["week20", "week exception", "exception applies", "exception",
                                                                  "timescale exception"]),
        Alias(section: "plan", element: "StartDate", phrases: ["plan start", "ehcp start", "plan start date", "plan date"]),
        Alias(section: "plan", element: "PlanRes", phrases: ["plan residential", "planres"]),
        Alias(section: "plan", element: "PlanWBP", phrases: ["plan work based", "planwbp"]),
        Alias(section: "plan", element: "PB", phrases: ["personal budget", "pb"]),
        Alias(section: "plan", element: "OA", phrases: ["other arrangements"]),
        Alias(section: "plan", element: "DP", phrases: ["direct payment", "direct payments"]),
        Alias(section: "plan", element: "CeaseDate", phrases: ["plan end", "ehcp ceased", "cease date", "ceased", "plan ceased",
                                                               "ehcp end", "plan closed"]),
        Alias(section: "plan", element: "CeaseReason", phrases: ["end reason", "cease reason", "reason ceased", "closure reason"]),
        Alias(section: "plan_details", element: "URN", phrases: ["named setting urn", "named school urn", "named urn", "plan urn"]),
        Alias(section: "plan_details", element: "UKPRN", phrases: ["named setting ukprn", "named ukprn", "plan ukprn"]),
        Alias(section: "plan_details", element: "SENSetting", phrases: ["named setting type", "named setting code"]),
        Alias(section: "active_plans", element: "TransferLA", phrases: ["transfer la", "transferred from", "previous la"]),
        Alias(section: "active_plans", element: "LastReview", phrases: ["last review", "review date", "annual review",
                                                                        "last annual review"]),
        Alias(section: "active_plans", element: "ReviewMeeting", phrases: ["review meeting", "review meeting date"]),
        Alias(section: "active_plans", element: "ReviewOutcome", phrases: ["review outcome", "review result", "review decision"]),
        Alias(section: "active_plans", element: "ReviewDraft", phrases: ["review draft", "draft amended plan"]),
        Alias(section: "active_plans", element: "PhaseTransferDueDate", phrases: ["phase transfer due"]),
        Alias(section: "active_plans", element: "PhaseTransferFinalDate", phrases: ["phase transfer final", "phase transfer issued"]),
        Alias(section: "placements", element: "URN", phrases: ["placement urn", "setting urn", "school urn", "urn"]),
        Alias(section: "placements", element: "UKPRN", phrases: ["placement ukprn", "ukprn", "provider ukprn"]),
        Alias(section: "placements", element: "SENSetting", phrases: ["placement setting", "placement type", "setting type",
                                                                      "setting", "provision type"]),
        Alias(section: "placements", element: "PlacementRank", phrases: ["placement rank", "rank"]),
        Alias(section: "placements", element: "EntryDate", phrases: ["placement start", "entry date", "placement from",
                                                                     "start date"]),
        Alias(section: "placements", element: "LeavingDate", phrases: ["placement end", "leaving date", "leave date",
                                                                       "placement to", "end date"]),
        Alias(section: "placements", element: "SENunitIndicator", phrases: ["sen unit", "unit"]),
        Alias(section: "placements", element: "ResourcedProvisionIndicator", phrases: ["resourced provision", "resource base"]),
        Alias(section: "needs", element: "SENtype", slot: 1, phrases: ["primary need", "primary sen", "main need", "need 1",
                                                                       "primary sen type"]),
        Alias(section: "needs", element: "SENtype", slot: 2, phrases: ["secondary need", "secondary sen", "need 2",
                                                                       "secondary sen type"]),
    ]

    /// A column name as words (letters only, lower case) and the slot a single digit in it gives.
    static func words(_ name: String) -> (words: [String], slot: Int?) {
        var words: [String] = [], digits: [String] = []
        var current = "", inDigits = false
        func flush() {
            if !current.isEmpty { if inDigits { digits.append(current) } else { words.append(current) } }
            current = ""
        }
        for character in name.lowercased() {
            if character.isLetter {
                if inDigits { flush() }
                inDigits = false
                current.append(character)
            } else if character.isNumber {
                if !inDigits { flush() }
                inDigits = true
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        let slot = digits.first { $0.count == 1 && $0 != "0" }.flatMap { Int($0) }
        return (words, slot)
    }

    /// How well `column` matches `phrase`: 0 unless the column's name holds every word of the
    /// phrase; else 10 per word matched, less one per word of the name left over, plus 5 for an
    /// exact match.
    static func score(_ column: [String], _ phrase: String) -> Int {
        let wanted = words(phrase).words
        guard !wanted.isEmpty, wanted.allSatisfy(column.contains) else { return 0 }
        let leftOver = column.count - wanted.count
        return 10 * wanted.count - leftOver + (leftOver == 0 ? 5 : 0)
    }

    /// A guessed target of one column.
    struct Guess {
        var column: Int
        var target: MappingTarget
        var score: Int
    }

    /// The target of each column, at most one each and each target (with its slot) once: the
    /// best-scoring pairs first, a date element only for a column of dates and the other elements
    /// only for columns that are not (an empty column fits either). `skip` are columns already
    /// taken (the person and request keys).
    static func guess(_ profiles: [ColumnProfile], skip: Set<Int>) -> [Guess] {
        var candidates: [Guess] = []
        for profile in profiles where !skip.contains(profile.index) {
            let (name, digitSlot) = words(profile.name)
            for alias in aliases {
                let best = alias.phrases.map { score(name, $0) }.max() ?? 0
                guard best > 0 else { continue }
                let module: MappingModule
                switch alias.section {
                case "person": module = .person
                case "request": module = .request
                case "assessment": module = .assessment
                case "plan": module = .plan
                case "active_plans": module = .activePlans
                case "plan_details": module = .planDetail(min(digitSlot ?? 1, 2))
                case "placements": module = .placement(digitSlot ?? 1)
                default: module = .need(alias.slot ?? digitSlot ?? 1)
                }
                let target = MappingTarget(module: module, element: alias.element)
                let isDate = target.kind == .date
                guard profile.filled == 0 || profile.isDate == isDate else { continue }
                candidates.append(Guess(column: profile.index, target: target, score: best))
            }
        }
        candidates.sort { ($0.score, -$0.column) > ($1.score, -$1.column) }
        var taken = Set<MappingTarget>(), assigned = Set<Int>()
        var chosen: [Guess] = []
        for candidate in candidates where !taken.contains(candidate.target) && !assigned.contains(candidate.column) {
            taken.insert(candidate.target)
            assigned.insert(candidate.column)
            chosen.append(candidate)
        }
        return chosen.sorted { $0.column < $1.column }
    }

    /// The column that groups rows into one child: a name with an id word and a child word
    /// (`Child ID`, `Pupil Ref`, `Person Id`), or `ID` alone.
    static func isPersonKey(_ name: String) -> Bool {
        let (words, _) = words(name)
        let ids: Set<String> = ["id", "ref", "reference", "key"]
        let subjects: Set<String> = ["child", "pupil", "person", "young", "client", "case", "student", "learner", "ehcp"]
        return words == ["id"] || (words.contains(where: ids.contains) && words.contains(where: subjects.contains))
    }

    /// The column that groups a child's rows into one request: `Request ID`, `Request Ref`.
    static func isRequestKey(_ name: String) -> Bool {
        let (words, _) = words(name)
        return words.contains("request") && words.contains(where: ["id", "ref", "reference", "key"].contains)
    }
}
