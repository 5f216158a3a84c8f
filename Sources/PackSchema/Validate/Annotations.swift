/// The evaluated-properties / evaluated-items annotations of one instance location, collected only
/// for schemas that use `unevaluatedProperties` or `unevaluatedItems`.
final class Annotations {
    var allProperties = false
    /// Positions (in the object's member order) of evaluated properties.
    var properties: Set<Int> = []
    var allItems = false
    var itemPrefix = 0
    var items: Set<Int> = []

    func merge(_ other: Annotations) {
        if other.allProperties { allProperties = true } else if !allProperties { properties.formUnion(other.properties) }
        if other.allItems { allItems = true }
        itemPrefix = max(itemPrefix, other.itemPrefix)
        if !other.items.isEmpty { items.formUnion(other.items) }
    }
}
