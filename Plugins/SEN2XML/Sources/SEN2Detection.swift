import HubKit
/// Recognises a SEN2 message from the first bytes of a file, by content only.
enum SEN2Detection {
    /// Certain: the root is `Message` and its `Collection` is SEN2.
    static let certain = 100
    /// Likely: the root is `Message` with SEN2's `Persons`/`Person`, but the head ends before any
    /// `Collection` is seen.
    static let likely = 60

    /// The detection score for a file starting with `head`, or nil when it is not a SEN2 message
    /// (another XML message, another collection, or not XML). A DOCTYPE does not hide a SEN2
    /// message from detection; reading the file refuses it.
    static func score(head: [UInt8]) -> Int? {
        var reader = XMLPullReader(stream: MemoryByteStream(head), fileName: "", names: SEN2Element.nameTable)
        reader.doctypeHandling = .skipUnread  // so that `read` can refuse it with a clear message
        var seenPersons = false
        do {
            guard case .start(let root) = try reader.next(), SEN2Element(nameID: root) == .message else { return nil }
            while true {
                switch try reader.next() {
                case .start(let id):
                    let element = SEN2Element(nameID: id)
                    if element == .persons || element == .person { seenPersons = true }
                case .end(let id) where SEN2Element(nameID: id) == .collection:
                    return SEN2Value.code(reader.trimmedTextBytes) == "SEN2" ? certain : nil
                case .end:
                    continue
                case .endOfDocument:
                    return seenPersons ? likely : nil
                }
            }
        } catch {
            // The head usually stops mid-file; what was seen before that decides.
            return seenPersons ? likely : nil
        }
    }
}
