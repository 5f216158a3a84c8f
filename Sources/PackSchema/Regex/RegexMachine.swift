/// The outcome of running a pattern against a string.
enum RegexMatchOutcome: Sendable, Equatable {
    case matched
    case notMatched
    /// The step budget ran out before an answer was found (catastrophic backtracking).
    case tooExpensive
}

/// A backtracking matcher over UTF-8 text with an explicit (heap or stack) backtrack stack.
///
/// Recursion is used only for lookaround, whose nesting the parser bounds, so long inputs never
/// grow the call stack. Every instruction executed and every backtrack counts one step against
/// `budget`; when it runs out the match ends with ``RegexMatchOutcome/tooExpensive``.
struct RegexMachine: ~Copyable {
    struct Frame {
        /// 0 choice, 1 restore register, 2 greedy repeat, 3 lazy repeat.
        var kind: Int32
        var pc: Int32
        var pos: Int
        var aux: Int
    }

    enum Step {
        case matched(Int)
        case failed
        case budget
        case overflow
    }

    let program: UnsafeBufferPointer<RegexInstruction>
    let sets: UnsafeBufferPointer<RegexCharSet>
    let text: UnsafeBufferPointer<UInt8>
    let registers: UnsafeMutableBufferPointer<Int>
    let stack: UnsafeMutableBufferPointer<Frame>
    var depth = 0
    var steps = 0
    let budget: Int

    init(
        program: UnsafeBufferPointer<RegexInstruction>, sets: UnsafeBufferPointer<RegexCharSet>,
        text: UnsafeBufferPointer<UInt8>, registers: UnsafeMutableBufferPointer<Int>,
        stack: UnsafeMutableBufferPointer<Frame>, budget: Int
    ) {
        self.program = program
        self.sets = sets
        self.text = text
        self.registers = registers
        self.stack = stack
        self.budget = budget
    }

    // MARK: UTF-8 helpers

    @inline(__always)
    private func decode(_ i: Int) -> (UInt32, Int) {
        let b0 = text[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 < 0xE0 { return ((UInt32(b0 & 0x1F) << 6) | UInt32(text[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((UInt32(b0 & 0x0F) << 12) | (UInt32(text[i + 1] & 0x3F) << 6) | UInt32(text[i + 2] & 0x3F), 3)
        }
        let value =
            (UInt32(b0 & 0x07) << 18) | (UInt32(text[i + 1] & 0x3F) << 12) | (UInt32(text[i + 2] & 0x3F) << 6)
            | UInt32(text[i + 3] & 0x3F)
        return (value, 4)
    }

    /// The start of the code point that ends at `i`.
    @inline(__always)
    private func previousStart(_ i: Int) -> Int {
        var j = i - 1
        while j > 0, text[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    /// Matches one code point forward or backward at `pos`; returns the new position or -1.
    @inline(__always)
    private func matchOne(_ operand: UInt32, isSet: Bool, at pos: Int, backward: Bool) -> Int {
        if backward {
            guard pos > 0 else { return -1 }
            let start = previousStart(pos)
            let (code, _) = decode(start)
            let ok = isSet ? sets[Int(operand)].contains(code) : code == operand
            return ok ? start : -1
        }
        guard pos < text.count else { return -1 }
        let byte = text[pos]
        if byte < 0x80 {
            let ok = isSet ? sets[Int(operand)].containsASCII(byte) : UInt32(byte) == operand
            return ok ? pos + 1 : -1
        }
        let (code, length) = decode(pos)
        let ok = isSet ? sets[Int(operand)].contains(code) : code == operand
        return ok ? pos + length : -1
    }

    // MARK: Execution

    private mutating func push(_ frame: Frame) -> Bool {
        guard depth < stack.count else { return false }
        stack[depth] = frame
        depth += 1
        return true
    }

    /// Runs from `startPC` at `startPos` until `.match` (success) or until every choice made since
    /// entry is exhausted. Frames above the entry depth are left in place on success.
    mutating func run(from startPC: Int, at startPos: Int) -> Step {
        let base = depth
        var pc = startPC
        var pos = startPos
        while true {
            steps &+= 1
            if steps > budget { return .budget }
            var ok = true
            switch program[pc] {
            case .char(let code, let backward):
                let next = matchOne(code, isSet: false, at: pos, backward: backward)
                if next >= 0 {
                    pos = next
                    pc += 1
                } else {
                    ok = false
                }
            case .set(let index, let backward):
                let next = matchOne(UInt32(index), isSet: true, at: pos, backward: backward)
                if next >= 0 {
                    pos = next
                    pc += 1
                } else {
                    ok = false
                }
            case .split(let primary, let secondary):
                guard push(Frame(kind: 0, pc: Int32(secondary), pos: pos, aux: 0)) else { return .overflow }
                pc = primary
            case .jump(let target):
                pc = target
            case .save(let register), .mark(let register):
                guard push(Frame(kind: 1, pc: 0, pos: register, aux: registers[register])) else { return .overflow }
                registers[register] = pos
                pc += 1
            case .requireProgress(let register):
                if registers[register] == pos { ok = false } else { pc += 1 }
            case .clearCaptures(let from, let to):
                for register in (2 * from)...(2 * to + 1) where registers[register] != -1 {
                    guard push(Frame(kind: 1, pc: 0, pos: register, aux: registers[register])) else {
                        return .overflow
                    }
                    registers[register] = -1
                }
                pc += 1
            case .lineStart:
                if pos == 0 { pc += 1 } else { ok = false }
            case .lineEnd:
                if pos == text.count { pc += 1 } else { ok = false }
            case .wordBoundary(let negated):
                // \w is ASCII-only, so the neighbouring bytes decide.
                let before = pos > 0 && RegexCharSet.isWordCharacter(UInt32(text[pos - 1]))
                let after = pos < text.count && RegexCharSet.isWordCharacter(UInt32(text[pos]))
                if (before != after) != negated { pc += 1 } else { ok = false }
            case .look(let negated, let end):
                let entry = depth
                switch run(from: pc + 1, at: pos) {
                case .matched:
                    if negated {
                        unwind(to: entry)
                        ok = false
                    } else {
                        keepRestores(from: entry)
                        pc = end
                    }
                case .failed:
                    if negated { pc = end } else { ok = false }
                case .budget: return .budget
                case .overflow: return .overflow
                }
            case .backreference(let index, let backward):
                let start = registers[2 * index]
                let stop = registers[2 * index + 1]
                if start < 0 || stop < 0 {
                    pc += 1
                } else {
                    let length = stop - start
                    let from = backward ? pos - length : pos
                    if from >= 0, from + length <= text.count,
                        (0..<length).allSatisfy({ text[start + $0] == text[from + $0] })
                    {
                        pos = backward ? from : pos + length
                        pc += 1
                    } else {
                        ok = false
                    }
                }
            case .repeatOne(let operand, let isSet, let min, let max, let greedy, let backward):
                var count = 0
                var current = pos
                let limit = greedy ? max : min
                while count < limit {
                    let next = matchOne(operand, isSet: isSet, at: current, backward: backward)
                    if next < 0 { break }
                    current = next
                    count += 1
                    steps &+= 1
                }
                if count < min {
                    ok = false
                } else {
                    if greedy ? count > min : count < max {
                        guard push(Frame(kind: greedy ? 2 : 3, pc: Int32(pc), pos: current, aux: count)) else {
                            return .overflow
                        }
                    }
                    pos = current
                    pc += 1
                }
            case .match:
                return .matched(pos)
            }
            if ok { continue }
            // Backtrack.
            var resumed = false
            while depth > base {
                depth -= 1
                let frame = stack[depth]
                switch frame.kind {
                case 0:
                    pc = Int(frame.pc)
                    pos = frame.pos
                    resumed = true
                case 1:
                    registers[frame.pos] = frame.aux
                    continue
                default:
                    steps &+= 1
                    guard case .repeatOne(let operand, let isSet, let min, let max, _, let backward) = program[Int(frame.pc)]
                    else { continue }
                    if frame.kind == 2 {
                        // Greedy: give back one code point.
                        let count = frame.aux - 1
                        let current = backward ? frame.pos + decode(frame.pos).1 : previousStart(frame.pos)
                        if count > min {
                            _ = push(Frame(kind: 2, pc: frame.pc, pos: current, aux: count))
                        }
                        pos = current
                        pc = Int(frame.pc) + 1
                        resumed = true
                    } else {
                        // Lazy: take one more code point.
                        let next = matchOne(operand, isSet: isSet, at: frame.pos, backward: backward)
                        if next < 0 { continue }
                        let count = frame.aux + 1
                        if count < max {
                            _ = push(Frame(kind: 3, pc: frame.pc, pos: next, aux: count))
                        }
                        pos = next
                        pc = Int(frame.pc) + 1
                        resumed = true
                    }
                }
                if resumed { break }
            }
            if !resumed { return .failed }
        }
    }

    /// Pops frames down to `entry`, restoring registers.
    private mutating func unwind(to entry: Int) {
        while depth > entry {
            depth -= 1
            let frame = stack[depth]
            if frame.kind == 1 { registers[frame.pos] = frame.aux }
        }
    }

    /// Drops choice points above `entry` but keeps register restores (a positive lookaround is atomic).
    private mutating func keepRestores(from entry: Int) {
        var write = entry
        for read in entry..<depth where stack[read].kind == 1 {
            stack[write] = stack[read]
            write += 1
        }
        depth = write
    }
}
