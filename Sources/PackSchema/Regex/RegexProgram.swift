/// One instruction of the backtracking regex machine.
///
/// `backward` instructions consume text right to left; they only occur inside lookbehind.
enum RegexInstruction: Sendable {
    case char(UInt32, backward: Bool)
    case set(Int, backward: Bool)
    /// Continue at `primary`; on failure resume at `secondary`.
    case split(primary: Int, secondary: Int)
    case jump(Int)
    /// Stores the position in a capture register.
    case save(Int)
    case lineStart
    case lineEnd
    case wordBoundary(negated: Bool)
    /// Runs the sub-program that starts at the next instruction and ends with `.match`; continues at `end`.
    case look(negated: Bool, end: Int)
    case backreference(Int, backward: Bool)
    /// A single character or set (`isSet`) repeated between `min` and `max` times.
    case repeatOne(operand: UInt32, isSet: Bool, min: Int, max: Int, greedy: Bool, backward: Bool)
    /// Records the position in a loop register (for the empty-iteration check).
    case mark(Int)
    /// Fails when the position equals the loop register: an iteration that matched nothing.
    case requireProgress(Int)
    /// Resets captures `from...to` at the start of a loop iteration (ECMA-262 RepeatMatcher).
    case clearCaptures(from: Int, to: Int)
    case match
}

/// Compiles a ``RegexNode`` tree into ``RegexInstruction``s.
struct RegexCompiler {
    /// Largest program accepted; counted repetitions of groups are expanded, so `(ab){1000}` costs 2000+.
    static let maxInstructions = 50_000

    private(set) var program: [RegexInstruction] = []
    private(set) var sets: [RegexCharSet] = []
    private(set) var loopRegisters = 0
    private let captureCount: Int
    private let keepCaptures: Bool

    init(captureCount: Int, keepCaptures: Bool) {
        self.captureCount = captureCount
        self.keepCaptures = keepCaptures
    }

    /// Register index of the first loop register (after the capture registers).
    var loopBase: Int { keepCaptures ? 2 * (captureCount + 1) : 0 }

    mutating func compile(_ node: RegexNode) throws(RegexSyntaxError) {
        try emit(node, backward: false)
        append(.match)
    }

    private mutating func append(_ instruction: RegexInstruction) {
        program.append(instruction)
    }

    private mutating func checkSize() throws(RegexSyntaxError) {
        if program.count > Self.maxInstructions {
            throw RegexSyntaxError(
                message: "pattern is too large (more than \(Self.maxInstructions) instructions); use smaller repetition counts",
                offset: 0)
        }
    }

    private mutating func setIndex(_ set: RegexCharSet) -> Int {
        sets.append(set)
        return sets.count - 1
    }

    private mutating func emit(_ node: RegexNode, backward: Bool) throws(RegexSyntaxError) {
        try checkSize()
        switch node {
        case .empty:
            break
        case .char(let code):
            append(.char(code, backward: backward))
        case .set(let set):
            append(.set(setIndex(set), backward: backward))
        case .sequence(let items):
            if backward {
                for item in items.reversed() { try emit(item, backward: true) }
            } else {
                for item in items { try emit(item, backward: false) }
            }
        case .alternation(let items):
            var jumpsToEnd: [Int] = []
            for (offset, item) in items.enumerated() {
                if offset < items.count - 1 {
                    let split = program.count
                    append(.split(primary: split + 1, secondary: -1))
                    try emit(item, backward: backward)
                    jumpsToEnd.append(program.count)
                    append(.jump(-1))
                    program[split] = .split(primary: split + 1, secondary: program.count)
                } else {
                    try emit(item, backward: backward)
                }
            }
            for jump in jumpsToEnd { program[jump] = .jump(program.count) }
        case .group(let inner, let capture):
            if let capture, keepCaptures {
                append(.save(2 * capture + (backward ? 1 : 0)))
                try emit(inner, backward: backward)
                append(.save(2 * capture + (backward ? 0 : 1)))
            } else {
                try emit(inner, backward: backward)
            }
        case .quantified(let inner, let min, let max, let greedy):
            try emitQuantified(inner, min: min, max: max, greedy: greedy, backward: backward)
        case .lineStart:
            append(.lineStart)
        case .lineEnd:
            append(.lineEnd)
        case .wordBoundary(let negated):
            append(.wordBoundary(negated: negated))
        case .lookaround(let inner, let behind, let negated):
            let look = program.count
            append(.look(negated: negated, end: -1))
            try emit(inner, backward: behind)
            append(.match)
            program[look] = .look(negated: negated, end: program.count)
        case .backreference(let index):
            if keepCaptures { append(.backreference(index, backward: backward)) }
        case .namedBackreference:
            throw RegexSyntaxError(message: "unresolved named back reference", offset: 0)
        }
    }

    private enum SingleMatcher {
        case char(UInt32)
        case set(RegexCharSet)
    }

    /// The single-character matcher inside `node`, if it is one (possibly in a non-capturing group).
    private func singleMatcher(_ node: RegexNode) -> SingleMatcher? {
        switch node {
        case .char(let code): return .char(code)
        case .set(let set): return .set(set)
        case .group(let inner, let capture) where capture == nil || !keepCaptures: return singleMatcher(inner)
        default: return nil
        }
    }

    private mutating func emitQuantified(
        _ inner: RegexNode, min: Int, max: Int?, greedy: Bool, backward: Bool
    ) throws(RegexSyntaxError) {
        let upper = max ?? Int.max
        if upper == 0 { return }
        switch singleMatcher(inner) {
        case .char(let code):
            append(.repeatOne(operand: code, isSet: false, min: min, max: upper, greedy: greedy, backward: backward))
            return
        case .set(let set):
            let index = UInt32(setIndex(set))
            append(.repeatOne(operand: index, isSet: true, min: min, max: upper, greedy: greedy, backward: backward))
            return
        case nil:
            break
        }
        let resetRange = keepCaptures ? inner.captureRange() : nil
        let needsProgressCheck = inner.canMatchEmpty
        for _ in 0..<min {
            if let resetRange { append(.clearCaptures(from: resetRange.lowerBound, to: resetRange.upperBound)) }
            try emit(inner, backward: backward)
            try checkSize()
        }
        if max == min { return }
        let register = loopBase + loopRegisters
        if needsProgressCheck { loopRegisters += 1 }
        if let max {
            var exits: [Int] = []
            for _ in min..<max {
                exits.append(program.count)
                append(.split(primary: -1, secondary: -1))
                try emitIteration(inner, resetRange: resetRange, register: needsProgressCheck ? register : nil, backward: backward)
                try checkSize()
            }
            let end = program.count
            for split in exits {
                program[split] = greedy ? .split(primary: split + 1, secondary: end) : .split(primary: end, secondary: split + 1)
            }
        } else {
            let loop = program.count
            append(.split(primary: -1, secondary: -1))
            try emitIteration(inner, resetRange: resetRange, register: needsProgressCheck ? register : nil, backward: backward)
            append(.jump(loop))
            let end = program.count
            program[loop] = greedy ? .split(primary: loop + 1, secondary: end) : .split(primary: end, secondary: loop + 1)
        }
    }

    private mutating func emitIteration(
        _ inner: RegexNode, resetRange: ClosedRange<Int>?, register: Int?, backward: Bool
    ) throws(RegexSyntaxError) {
        if let register { append(.mark(register)) }
        if let resetRange { append(.clearCaptures(from: resetRange.lowerBound, to: resetRange.upperBound)) }
        try emit(inner, backward: backward)
        if let register { append(.requireProgress(register)) }
    }
}
