import Testing

extension Tag {
    /// Fast, in-memory tests.
    @Tag public static var small: Self
    /// Tests that touch the file system or run a few hundred milliseconds.
    @Tag public static var medium: Self
    /// Tests that run real processes or whole corpora.
    @Tag public static var large: Self
}
