import HubKit

/// An indented XML document built straight into bytes: the writer of every generated return.
/// Tags are static strings and values are short ASCII texts, so writing a person is a series of
/// appends to one buffer (no intermediate strings), which keeps an England-scale set fast.
struct XMLOutput {
    private(set) var bytes: [UInt8] = []
    private var depth = 0

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// An output that starts inside `depth` open elements (for writing one person on its own).
    init(capacity: Int, depth: Int) {
        bytes.reserveCapacity(capacity)
        self.depth = depth
    }

    /// How many elements are open.
    var openElements: Int { depth }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func raw(_ text: StaticString) { append(text) }

    /// Bytes written elsewhere (e.g. a person edited on purpose), as they are.
    mutating func raw(bytes more: [UInt8]) { bytes.append(contentsOf: more) }

    mutating func open(_ name: StaticString) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        append(name)
        bytes.append(contentsOf: [UInt8(ascii: ">"), 10])
        depth += 1
    }

    mutating func close(_ name: StaticString) {
        depth -= 1
        indent()
        bytes.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        append(name)
        bytes.append(contentsOf: [UInt8(ascii: ">"), 10])
    }

    mutating func leaf(_ name: StaticString, _ value: String) {
        start(name)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            default: bytes.append(byte)
            }
        }
        end(name)
    }

    mutating func leaf(_ name: StaticString, _ value: StaticString) {
        start(name)
        append(value)
        end(name)
    }

    mutating func leaf(_ name: StaticString, _ date: Day) {
        start(name)
        date.appendISO(to: &bytes)
        end(name)
    }

    /// A one-character code, e.g. `Y`, `M`, `1`.
    mutating func leaf(_ name: StaticString, code: UInt8) {
        start(name)
        bytes.append(code)
        end(name)
    }

    /// `1` or `0`.
    mutating func leaf(_ name: StaticString, flag: Bool) {
        leaf(name, code: flag ? UInt8(ascii: "1") : UInt8(ascii: "0"))
    }

    mutating func leaf(_ name: StaticString, number: Int) {
        start(name)
        appendNumber(number)
        end(name)
    }

    private mutating func appendNumber(_ value: Int) {
        if value >= 10 { appendNumber(value / 10) }
        bytes.append(UInt8(48 + value % 10))
    }

    private mutating func start(_ name: StaticString) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        append(name)
        bytes.append(UInt8(ascii: ">"))
    }

    private mutating func end(_ name: StaticString) {
        bytes.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        append(name)
        bytes.append(contentsOf: [UInt8(ascii: ">"), 10])
    }

    @inline(__always)
    private mutating func indent() {
        // A tab a level, as LA systems' exports (and the shared samples) indent.
        for _ in 0..<depth { bytes.append(9) }
    }

    @inline(__always)
    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
