/// Rejects schemas whose references loop without consuming any part of the instance.
///
/// Only in-place applicators (`$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`,
/// `dependentSchemas` and the static target of `$dynamicRef`) are followed: a cycle through them
/// re-applies the same schema to the same value for ever. Cycles through `properties`, `items` and
/// the like descend into the instance and end with it. Loops that only dynamic resolution creates
/// are stopped at validation time by ``JSONSchemaOptions/maxEvaluationDepth``.
enum LoopDetector {
    static func inPlaceChildren(_ node: SchemaNode) -> [SchemaNode] {
        var children: [SchemaNode] = []
        for keyword in node.keywords {
            switch keyword {
            case .ref(let target): children.append(target.node)
            case .dynamicRef(let ref): children.append(ref.value.initial.node)
            case .allOf(let schemas), .anyOf(let schemas), .oneOf(let schemas): children += schemas.value.nodes.map(\.node)
            case .not(let schema): children.append(schema.node)
            case .conditional(let reference):
                let conditional = reference.value
                children.append(conditional.condition.node)
                if let then = conditional.then { children.append(then.node) }
                if let otherwise = conditional.otherwise { children.append(otherwise.node) }
            case .dependentSchemas(let dependent): children += dependent.value.entries.map(\.schema.node)
            default: break
            }
        }
        return children
    }

    static func check(_ nodes: [SchemaNode], compiler: SchemaCompiler) throws(JSONSchemaError) {
        // Most schemas have no in-place applicator at all: nothing can loop.
        let candidates = nodes.filter { node in
            node.keywords.contains { keyword in
                switch keyword {
                case .ref, .dynamicRef, .allOf, .anyOf, .oneOf, .not, .conditional, .dependentSchemas: true
                default: false
                }
            }
        }
        if candidates.isEmpty { return }
        // Iterative depth-first search with three colours.
        var colour: [ObjectIdentifier: UInt8] = [:]  // 1 on the stack, 2 done
        for start in candidates where colour[ObjectIdentifier(start)] == nil {
            var stack: [(node: SchemaNode, children: [SchemaNode], next: Int)] = [(start, inPlaceChildren(start), 0)]
            colour[ObjectIdentifier(start)] = 1
            while !stack.isEmpty {
                let top = stack.count - 1
                if stack[top].next == stack[top].children.count {
                    colour[ObjectIdentifier(stack[top].node)] = 2
                    stack.removeLast()
                    continue
                }
                let child = stack[top].children[stack[top].next]
                stack[top].next += 1
                switch colour[ObjectIdentifier(child)] {
                case 1:
                    var location = child.absoluteLocation
                    if compiler.options.baseURI == nil, location.hasPrefix(SchemaCompiler.defaultBaseURI + "#") {
                        location.removeFirst(SchemaCompiler.defaultBaseURI.utf8.count)
                    }
                    throw JSONSchemaError(code: .referenceLoop, message: Diagnostics.referenceLoop(), location: location)
                case 2:
                    continue
                default:
                    colour[ObjectIdentifier(child)] = 1
                    stack.append((child, inPlaceChildren(child), 0))
                }
            }
        }
    }
}
