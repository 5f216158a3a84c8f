/// The syntax tree of an ECMA-262 regular expression (Unicode mode, no flags).
indirect enum RegexNode: Sendable {
    case empty
    case char(UInt32)
    case set(RegexCharSet)
    case sequence([RegexNode])
    case alternation([RegexNode])
    /// A group; `capture` is the 1-based capture index, `nil` for `(?:…)`.
    case group(RegexNode, capture: Int?)
    /// `max == nil` means unbounded.
    case quantified(RegexNode, min: Int, max: Int?, greedy: Bool)
    case lineStart
    case lineEnd
    case wordBoundary(negated: Bool)
    case lookaround(RegexNode, behind: Bool, negated: Bool)
    case backreference(Int)
    case namedBackreference(String)

    /// Whether the node can match the empty string (conservative: `true` when unsure).
    var canMatchEmpty: Bool {
        switch self {
        case .empty, .lineStart, .lineEnd, .wordBoundary, .lookaround, .backreference, .namedBackreference:
            return true
        case .char, .set:
            return false
        case .sequence(let items):
            return items.allSatisfy(\.canMatchEmpty)
        case .alternation(let items):
            return items.contains(where: \.canMatchEmpty)
        case .group(let inner, _):
            return inner.canMatchEmpty
        case .quantified(let inner, let min, _, _):
            return min == 0 || inner.canMatchEmpty
        }
    }

    /// The capture indices inside the node, in order.
    func captureRange() -> ClosedRange<Int>? {
        var low = Int.max
        var high = Int.min
        func visit(_ node: RegexNode) {
            switch node {
            case .group(let inner, let capture):
                if let capture {
                    low = min(low, capture)
                    high = max(high, capture)
                }
                visit(inner)
            case .sequence(let items), .alternation(let items):
                items.forEach(visit)
            case .quantified(let inner, _, _, _), .lookaround(let inner, _, _):
                visit(inner)
            default:
                break
            }
        }
        visit(self)
        return low <= high ? low...high : nil
    }
}

/// A pattern that is not valid ECMA-262 (Unicode mode), or that this engine does not support.
struct RegexSyntaxError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, in the project's message style.
    var message: String
    /// The offset in code points where the problem was found.
    var offset: Int

    var description: String { "\(message) (at offset \(offset))" }
}
