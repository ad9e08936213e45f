import CYaml

/// Limits on what a YAML text may expand to, checked on libyaml's events before Yams builds its tree.
///
/// Yams resolves an alias to the node its anchor names and shares it, so `compose` itself stays small; but every
/// walk of the tree (Yams hashing mapping keys, Bantin reading values) visits each alias's node again. Nine
/// anchors of nine aliases each ("billion laughs") are 9⁹ values for a few hundred bytes of text. Nesting is
/// limited too: Yams composes recursively, and ten thousand `[` would overflow a task's stack.
///
/// This is the one other place besides `Markup` that touches C: libyaml as Yams vendors it (its `CYaml` module).
enum YAMLLimits {
    /// Values (scalars, lists, mappings) a front matter or `site.yml` may stand for once every alias is expanded:
    /// they have a few dozen.
    static let smallFile = 10_000
    /// The same for `documents.yml`: 5,000 documents are about 50,000 values.
    static let registry = 1_000_000
    /// Lists and mappings inside one another.
    static let maxDepth = 64

    struct Violation: Error, Equatable {
        /// 1-based, within the YAML text.
        var line: Int
        var column: Int
        var message: String
    }

    /// Nil when the text is within the limits, or is not valid YAML (Yams reports that, with its own position).
    /// One pass over the events, linear in the text.
    static func check(_ yaml: String, what: String, maxValues: Int, maxDepth: Int = maxDepth) -> Violation? {
        var text = yaml
        return text.withUTF8 { buffer -> Violation? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }  // frees what initialize allocated
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            // Expanded size of each anchored node, by anchor name (a later anchor of the same name replaces it,
            // as it does for the aliases that follow).
            var sizes: [String: Int] = [:]
            // Open lists and mappings: their anchor and the expanded count when they began.
            var open: [(anchor: String?, start: Int)] = []
            var total = 0
            var aliases = false
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }  // the event owns its anchor and value strings
                let mark = (line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                func name(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                    p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
                }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    total += 1
                    if let a = name(event.data.scalar.anchor) { sizes[a] = 1 }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT ? name(event.data.sequence_start.anchor)
                        : name(event.data.mapping_start.anchor)
                    open.append((anchor, total))
                    total += 1
                    if open.count > maxDepth {
                        return Violation(line: mark.line, column: mark.column,
                                         message: "\(what) nests lists and mappings more than \(maxDepth) deep here; flatten them")
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let frame = open.popLast() else { break }
                    if let a = frame.anchor { sizes[a] = total - frame.start }
                case YAML_ALIAS_EVENT:
                    let a = name(event.data.alias.anchor) ?? ""
                    aliases = true
                    // An alias of an anchor still open (a node containing itself) or unknown: Yams reports it.
                    total += sizes[a] ?? 1
                default:
                    break
                }
                if total > maxValues {
                    return Violation(line: mark.line, column: mark.column, message: aliases
                        ? "\(what)'s anchors and aliases expand to more than \(maxValues) values by here; aliases (*name) are for short repeats: write the values out"
                        : "\(what) holds more than \(maxValues) values; shorten it")
                }
            }
        }
    }
}
