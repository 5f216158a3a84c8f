/// Where a diagnostic points: a file, and a line and column or a JSON pointer inside it.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file, as the user named it or relative to the pack root.
    public var file: String?
    /// The 1-based line, when the format gives positions.
    public var line: Int?
    /// The 1-based column, when the format gives positions.
    public var column: Int?
    /// A JSON pointer (RFC 6901) to the value inside the document, such as `/tools/0/name`.
    public var pointer: String?

    /// Creates a location.
    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, pointer: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer
    }

    /// `file:line:column`, or `file:#/pointer` when only a pointer is known.
    public var description: String {
        var text = file ?? "<input>"
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        } else if let pointer {
            text += ":#\(pointer)"
        }
        return text
    }
}
