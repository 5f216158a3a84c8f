/// A linear-time matcher for the patterns schemas use most: a sequence of single characters and
/// character classes with counted repetition, optionally anchored (`^[a-z][a-z0-9-]{0,62}$`,
/// `^\d+\.\d+\.\d+$`).
///
/// It applies only when greedy matching can never need to give characters back: every repeated
/// class is ASCII-only and shares no character with anything that may follow it before the next
/// mandatory item. Then one left-to-right pass decides the match, with no backtracking and no
/// step budget needed. Other patterns use ``RegexMachine``.
struct SequenceMatcher: Sendable {
    struct Item: Sendable {
        let set: RegexCharSet
        let min: Int
        let max: Int
    }

    /// What the matching loop reads, as plain data (no reference counting while matching).
    struct Step: Sendable {
        let lowBits: UInt64
        let highBits: UInt64
        let min: Int
        let max: Int
    }

    let items: [Item]
    let steps: [Step]
    let anchoredStart: Bool
    let anchoredEnd: Bool

    /// Builds a matcher for `tree`, or returns `nil` when the pattern is not of the simple kind.
    init?(_ tree: RegexNode) {
        var nodes: [RegexNode]
        if case .sequence(let sequence) = tree { nodes = sequence } else { nodes = [tree] }
        var anchoredStart = false
        var anchoredEnd = false
        if case .lineStart? = nodes.first {
            anchoredStart = true
            nodes.removeFirst()
        }
        if case .lineEnd? = nodes.last {
            anchoredEnd = true
            nodes.removeLast()
        }
        var items: [Item] = []
        for node in nodes {
            guard let item = Self.item(node) else { return nil }
            items.append(item)
        }
        guard !items.isEmpty else { return nil }
        // Determinism: a variable-length item must not share characters with what may follow it.
        for (index, item) in items.enumerated() where item.min != item.max {
            guard let ascii = item.set.asciiOnlyBits else { return nil }
            var next = index + 1
            while next < items.count {
                let follower = items[next].set
                if ascii.0 & follower.lowBits != 0 || ascii.1 & follower.highBits != 0 { return nil }
                if items[next].min > 0 { break }
                next += 1
            }
        }
        self.items = items
        steps = items.map { Step(lowBits: $0.set.lowBits, highBits: $0.set.highBits, min: $0.min, max: $0.max) }
        self.anchoredStart = anchoredStart
        self.anchoredEnd = anchoredEnd
    }

    private static func item(_ node: RegexNode) -> Item? {
        switch node {
        case .char(let code):
            return Item(set: RegexCharSet(ranges: [code...code], properties: [], negated: false), min: 1, max: 1)
        case .set(let set):
            return Item(set: set, min: 1, max: 1)
        case .group(let inner, nil):
            return item(inner)
        case .quantified(let inner, let min, let max, true):
            guard let single = item(inner), single.min == 1, single.max == 1 else { return nil }
            return Item(set: single.set, min: min, max: max ?? Int.max)
        default:
            return nil
        }
    }

    /// Whether the pattern matches somewhere in the UTF-8 text.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if anchoredStart { return matches(text, from: 0) }
        var start = 0
        while start <= text.count {
            if matches(text, from: start) { return true }
            if start == text.count { return false }
            start += 1
            while start < text.count, text[start] & 0xC0 == 0x80 { start += 1 }
        }
        return false
    }

    private func matches(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var position = start
        let end = text.count
        return steps.withUnsafeBufferPointer { steps in
            for index in 0..<steps.count {
                let step = steps[index]
                var count = 0
                while count < step.max, position < end {
                    let byte = text[position]
                    if byte < 0x80 {
                        let bits = byte < 64 ? step.lowBits >> UInt64(byte) : step.highBits >> UInt64(byte &- 64)
                        guard bits & 1 != 0 else { break }
                        position += 1
                    } else {
                        let (code, length) = Self.decode(text, position)
                        guard items[index].set.contains(code) else { break }
                        position += length
                    }
                    count += 1
                }
                if count < step.min { return false }
            }
            return !anchoredEnd || position == end
        }
    }

    private static func decode(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = text[i]
        if b0 < 0xE0 { return ((UInt32(b0 & 0x1F) << 6) | UInt32(text[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((UInt32(b0 & 0x0F) << 12) | (UInt32(text[i + 1] & 0x3F) << 6) | UInt32(text[i + 2] & 0x3F), 3)
        }
        let value =
            (UInt32(b0 & 0x07) << 18) | (UInt32(text[i + 1] & 0x3F) << 12) | (UInt32(text[i + 2] & 0x3F) << 6)
            | UInt32(text[i + 3] & 0x3F)
        return (value, 4)
    }
}
