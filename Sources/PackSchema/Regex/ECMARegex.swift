/// A compiled ECMA-262 regular expression (Unicode mode, no flags), as JSON Schema's `pattern`,
/// `patternProperties` and the `regex` format use it.
///
/// Semantics follow ECMA-262 rather than ICU: `\d` and `\w` are ASCII-only, `\s` is the ECMA
/// whitespace set, `$` matches only at the very end, `.` matches any code point except line
/// terminators, matching works on code points, and lookbehind, named groups and back references
/// are supported. Matching searches for the pattern anywhere in the string (patterns are not
/// anchored).
///
/// The engine backtracks, so it has a step budget: one match may execute at most
/// ``defaultStepBudget`` machine steps (an instruction or a backtrack each count one); a
/// pathological pattern such as `(a+)+$` on a long non-matching input ends with
/// ``RegexMatchOutcome/tooExpensive`` instead of running for ever.
// @unchecked Sendable: the program and set buffers are written once in `init` and only read after.
final class ECMARegex: @unchecked Sendable {
    /// The default step budget of one match (1,000,000 steps, a few milliseconds).
    static let defaultStepBudget = 1_000_000
    /// Backtrack frames kept at most; reaching it counts as running out of budget.
    static let maxStackFrames = 1_000_000

    /// The pattern text as written.
    let source: String
    /// The compiled program and character sets, in unmanaged buffers so matching retains nothing.
    private let program: UnsafeMutableBufferPointer<RegexInstruction>
    private let sets: UnsafeMutableBufferPointer<RegexCharSet>
    private let registerCount: Int
    private let anchoredAtStart: Bool
    /// Set when the whole pattern is a literal string: matching is a substring search.
    private let literal: [UInt8]?
    /// Set for deterministic sequences of classes: matching is one linear pass.
    private let sequence: SequenceMatcher?
    let stepBudget: Int

    /// Compiles `pattern`, throwing for syntax that is not valid in ECMA-262 Unicode mode.
    /// - Parameter usesFastPaths: Whether literal and deterministic-sequence patterns skip the
    ///   backtracking machine (always, except in tests that compare both).
    init(
        _ pattern: String, stepBudget: Int = ECMARegex.defaultStepBudget, usesFastPaths: Bool = true
    ) throws(RegexSyntaxError) {
        var parser = RegexParser(pattern)
        let tree = try parser.parse()
        let keepCaptures = Self.hasBackreference(tree)
        var compiler = RegexCompiler(captureCount: parser.captureCount, keepCaptures: keepCaptures)
        try compiler.compile(tree)
        source = pattern
        program = .allocate(capacity: compiler.program.count)
        _ = program.initialize(from: compiler.program)
        sets = .allocate(capacity: compiler.sets.count)
        _ = sets.initialize(from: compiler.sets)
        registerCount = compiler.loopBase + compiler.loopRegisters
        anchoredAtStart = Self.startsWithAnchor(tree)
        literal = usesFastPaths ? Self.literalBytes(tree) : nil
        sequence = usesFastPaths && !keepCaptures ? SequenceMatcher(tree) : nil
        self.stepBudget = stepBudget
    }

    deinit {
        program.deinitialize()
        program.deallocate()
        sets.deinitialize()
        sets.deallocate()
    }

    private static func hasBackreference(_ node: RegexNode) -> Bool {
        switch node {
        case .backreference, .namedBackreference: return true
        case .sequence(let items), .alternation(let items): return items.contains(where: hasBackreference)
        case .group(let inner, _), .quantified(let inner, _, _, _), .lookaround(let inner, _, _):
            return hasBackreference(inner)
        default: return false
        }
    }

    private static func startsWithAnchor(_ node: RegexNode) -> Bool {
        switch node {
        case .lineStart: return true
        case .sequence(let items): return items.first.map(startsWithAnchor) ?? false
        case .alternation(let items): return items.allSatisfy(startsWithAnchor)
        case .group(let inner, _): return startsWithAnchor(inner)
        default: return false
        }
    }

    private static func literalBytes(_ node: RegexNode) -> [UInt8]? {
        var scalars = String.UnicodeScalarView()
        func collect(_ node: RegexNode) -> Bool {
            switch node {
            case .char(let code):
                guard let scalar = Unicode.Scalar(code) else { return false }
                scalars.append(scalar)
                return true
            case .sequence(let items): return items.allSatisfy(collect)
            default: return false
            }
        }
        guard collect(node), !scalars.isEmpty else { return nil }
        return Array(String(scalars).utf8)
    }

    /// Whether the pattern matches somewhere in `string`.
    func matches(_ string: String) -> RegexMatchOutcome {
        if let outcome = string.utf8.withContiguousStorageIfAvailable({ matches(utf8: $0) }) { return outcome }
        var copy = string
        return copy.withUTF8 { matches(utf8: $0) }
    }

    /// Whether the pattern matches somewhere in the UTF-8 text.
    func matches(utf8 text: UnsafeBufferPointer<UInt8>) -> RegexMatchOutcome {
        if let literal { return Self.contains(text, literal) ? .matched : .notMatched }
        if let sequence { return sequence.matches(text) ? .matched : .notMatched }
        // 32 frames (768 bytes) stay on the stack; deeper backtracking moves to the heap.
        let outcome = withUnsafeTemporaryAllocation(of: RegexMachine.Frame.self, capacity: 32) { frames in
            run(text, frames: frames)
        }
        if let outcome { return outcome }
        // The small stack overflowed: retry with larger heap stacks.
        var capacity = 4096
        while true {
            let frames = UnsafeMutableBufferPointer<RegexMachine.Frame>.allocate(capacity: capacity)
            defer { frames.deallocate() }
            if let outcome = run(text, frames: frames) { return outcome }
            if capacity >= Self.maxStackFrames { return .tooExpensive }
            capacity = min(capacity * 8, Self.maxStackFrames)
        }
    }

    /// One attempt with the given backtrack stack; `nil` when the stack overflowed.
    private func run(
        _ text: UnsafeBufferPointer<UInt8>, frames: UnsafeMutableBufferPointer<RegexMachine.Frame>
    ) -> RegexMatchOutcome? {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(registerCount, 1)) { registers in
            registers.initialize(repeating: -1)
            var machine = RegexMachine(
                program: UnsafeBufferPointer(program), sets: UnsafeBufferPointer(sets), text: text,
                registers: registers, stack: frames, budget: stepBudget)
            var start = 0
            while true {
                machine.depth = 0
                switch machine.run(from: 0, at: start) {
                case .matched: return .matched
                case .budget: return .tooExpensive
                case .overflow: return nil
                case .failed: break
                }
                if anchoredAtStart || start >= text.count { return .notMatched }
                start += 1
                while start < text.count, text[start] & 0xC0 == 0x80 { start += 1 }
            }
        }
    }

    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let count = needle.count
        guard count <= text.count else { return false }
        let first = needle[0]
        var index = 0
        while index + count <= text.count {
            if text[index] == first {
                var offset = 1
                while offset < count, text[index + offset] == needle[offset] { offset += 1 }
                if offset == count { return true }
            }
            index += 1
        }
        return false
    }
}
