public import PackBasics

/// The version of Quiver itself, which pack `kernel` ranges are checked against.
public enum QuiverVersion {
    /// The current version.
    public static let current = Version(0, 1, 0)
}
