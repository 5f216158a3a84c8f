/// A directed graph over the nodes `0..<count` where an edge `a -> b` means "a depends on b".
///
/// Shared by service resolution (a pack depends on the packs whose services it requires) and by
/// recipe expansion (a step depends on the steps it runs after). Node indices double as the
/// tie-break order, so callers number nodes in the order ties should be broken (pack names
/// sorted, or declaration order). Every algorithm here is iterative: no recursion, whatever the
/// size or shape of the graph.
struct DependencyGraph {
    /// The number of nodes.
    let count: Int
    /// For each node, the nodes it depends on, without duplicates, in ascending order once sealed.
    private(set) var dependencies: [[Int]]

    /// Creates a graph of `count` nodes and no edges.
    init(count: Int) {
        self.count = count
        dependencies = Array(repeating: [], count: count)
    }

    /// Adds `node -> dependency`; repeated edges are kept once.
    mutating func addEdge(from node: Int, to dependency: Int) {
        dependencies[node].append(dependency)
    }

    /// Sorts and deduplicates every adjacency list, so traversals are deterministic.
    mutating func seal() {
        for node in 0..<count {
            var list = dependencies[node]
            list.sort()
            var unique: [Int] = []
            unique.reserveCapacity(list.count)
            for item in list where unique.last != item { unique.append(item) }
            dependencies[node] = unique
        }
    }

    /// Strongly connected components (Tarjan's algorithm with an explicit stack).
    ///
    /// Complexity: O(nodes + edges).
    /// - Returns: The component number of each node.
    func componentNumbers() -> [Int] {
        var index = 0
        var indices = Array(repeating: -1, count: count)
        var lowLinks = Array(repeating: 0, count: count)
        var onStack = Array(repeating: false, count: count)
        var stack: [Int] = []
        var component = Array(repeating: -1, count: count)
        var componentCount = 0
        for root in 0..<count where indices[root] < 0 {
            var work: [(node: Int, next: Int)] = [(root, 0)]
            indices[root] = index; lowLinks[root] = index; index += 1
            stack.append(root); onStack[root] = true
            while let (node, next) = work.last {
                let edges = dependencies[node]
                if next < edges.count {
                    work[work.count - 1].next += 1
                    let target = edges[next]
                    if indices[target] < 0 {
                        indices[target] = index; lowLinks[target] = index; index += 1
                        stack.append(target); onStack[target] = true
                        work.append((target, 0))
                    } else if onStack[target] {
                        lowLinks[node] = min(lowLinks[node], indices[target])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last {
                    lowLinks[parent.node] = min(lowLinks[parent.node], lowLinks[node])
                }
                if lowLinks[node] == indices[node] {
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component[member] = componentCount
                        if member == node { break }
                    }
                    componentCount += 1
                }
            }
        }
        return component
    }

    /// Groups of nodes that lie on a cycle (components of two or more nodes, or one node that
    /// depends on itself), each sorted, ordered by their smallest node.
    ///
    /// Complexity: O(nodes + edges).
    func cyclicComponents() -> [[Int]] {
        let numbers = componentNumbers()
        var members: [Int: [Int]] = [:]
        for node in 0..<count { members[numbers[node], default: []].append(node) }
        var result: [[Int]] = []
        for group in members.values {
            if group.count > 1 || dependencies[group[0]].contains(group[0]) { result.append(group.sorted()) }
        }
        return result.sorted { $0[0] < $1[0] }
    }

    /// Every node, each after the nodes it depends on, ties broken by the smaller index.
    ///
    /// Nodes on a cycle cannot all follow their dependencies; the members of one cycle appear
    /// together, in index order, after everything the cycle depends on (Kahn's algorithm over
    /// the condensation of the graph).
    ///
    /// Complexity: O((nodes + edges) log nodes).
    func dependencyOrder() -> [Int] {
        let numbers = componentNumbers()
        let componentCount = (numbers.max() ?? -1) + 1
        var members = Array(repeating: [Int](), count: componentCount)
        for node in 0..<count { members[numbers[node]].append(node) }   // ascending: nodes visited in order
        var dependents = Array(repeating: [Int](), count: componentCount)
        var waiting = Array(repeating: 0, count: componentCount)
        var seen = Set<Int>()
        for node in 0..<count {
            for dependency in dependencies[node] where numbers[dependency] != numbers[node] {
                let edge = numbers[node] * componentCount + numbers[dependency]
                guard seen.insert(edge).inserted else { continue }
                dependents[numbers[dependency]].append(numbers[node])
                waiting[numbers[node]] += 1
            }
        }
        // Components are keyed by their smallest node, so ties break by index.
        var ready = MinHeap()
        for component in 0..<componentCount where waiting[component] == 0 { ready.insert(members[component][0]) }
        var order: [Int] = []
        order.reserveCapacity(count)
        while let first = ready.popMinimum() {
            let component = numbers[first]
            order.append(contentsOf: members[component])
            for dependent in dependents[component] {
                waiting[dependent] -= 1
                if waiting[dependent] == 0 { ready.insert(members[dependent][0]) }
            }
        }
        return order
    }

    /// The size up to which ``cycles(through:)`` finds each member's shortest cycle; larger
    /// groups get loops through their smallest node instead, to stay near-linear. (Default: 64.)
    static let exactCycleLimit = 64

    /// For each node of a cyclic `component` (sorted), a closed walk through it that starts and
    /// ends at the smallest node of the walk, such as `[a, b, a]`.
    ///
    /// Up to ``exactCycleLimit`` nodes, each walk is a shortest cycle through its node. Beyond,
    /// each walk goes from the component's smallest node to the member along a shortest path and
    /// back along a shortest path (it may pass a node twice), found with two breadth-first
    /// searches for the whole component.
    ///
    /// Complexity: O(k × edges) of the component up to the limit; beyond, O(edges + Σ walk lengths).
    func cycles(through component: [Int]) -> [Int: [Int]] {
        let members = Set(component)
        var result: [Int: [Int]] = [:]
        if component.count <= Self.exactCycleLimit {
            for member in component {
                guard var cycle = shortestCycle(through: member, within: members) else { continue }
                cycle.removeLast()
                if let smallest = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) {
                    cycle = Array(cycle[smallest...] + cycle[..<smallest])
                }
                result[member] = cycle + [cycle[0]]
            }
            return result
        }
        guard let root = component.first else { return result }
        // Forward: the previous node on a shortest path root -> node.
        var previous: [Int: Int] = [root: root]
        var queue = [root]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for target in dependencies[node] where members.contains(target) && previous[target] == nil {
                previous[target] = node
                queue.append(target)
            }
        }
        // Backward: the next node on a shortest path node -> root.
        var dependents: [Int: [Int]] = [:]
        for node in component {
            for target in dependencies[node] where members.contains(target) { dependents[target, default: []].append(node) }
        }
        var next: [Int: Int] = [root: root]
        queue = [root]
        head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for source in dependents[node] ?? [] where next[source] == nil {
                next[source] = node
                queue.append(source)
            }
        }
        for member in component {
            if member == root {
                result[member] = shortestCycle(through: root, within: members)
                continue
            }
            var outward = [member]
            var cursor = member
            while cursor != root, let step = previous[cursor], outward.count <= component.count {
                outward.append(step)
                cursor = step
            }
            var walk = Array(outward.reversed())
            cursor = member
            while cursor != root, let step = next[cursor], walk.count <= 2 * component.count {
                walk.append(step)
                cursor = step
            }
            if walk.first == root && walk.last == root { result[member] = walk }
        }
        return result
    }

    /// The shortest cycle that starts and ends at `start`, following dependencies between members
    /// of `component` (breadth-first, smaller indices first), such as `[a, b, a]`.
    ///
    /// Complexity: O(nodes + edges) of the component.
    func shortestCycle(through start: Int, within component: Set<Int>) -> [Int]? {
        var parent: [Int: Int] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for target in dependencies[node] where component.contains(target) {
                if target == start {
                    var path = [node]
                    var cursor = node
                    while cursor != start, let previous = parent[cursor] {
                        path.append(previous)
                        cursor = previous
                    }
                    return Array(path.reversed()) + [start]
                }
                if parent[target] == nil {
                    parent[target] = node
                    queue.append(target)
                }
            }
        }
        return nil
    }
}

/// A binary min-heap of integers.
struct MinHeap {
    private var items: [Int] = []

    /// Adds a value. Complexity: O(log n).
    mutating func insert(_ value: Int) {
        items.append(value)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if items[parent] <= items[child] { break }
            items.swapAt(parent, child)
            child = parent
        }
    }

    /// Removes and returns the smallest value. Complexity: O(log n).
    mutating func popMinimum() -> Int? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        let minimum = items[0]
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count && items[left] < items[smallest] { smallest = left }
            if right < items.count && items[right] < items[smallest] { smallest = right }
            if smallest == parent { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return minimum
    }
}
