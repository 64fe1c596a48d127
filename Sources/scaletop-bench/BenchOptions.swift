/// `--name value` pairs of a benchmark's command line.
struct BenchOptions {
    private var values: [String: String] = [:]

    /// Parses `arguments`; any option not in `known` is a usage error.
    init(_ arguments: [String], known: Set<String>) throws {
        var i = 0
        while i < arguments.count {
            let name = arguments[i]
            guard known.contains(name), i + 1 < arguments.count else { throw BenchError.usage("unknown or incomplete option \(name)") }
            values[name] = arguments[i + 1]
            i += 2
        }
    }

    func int(_ name: String, default value: Int) -> Int { values[name].flatMap(Int.init) ?? value }
    func string(_ name: String, default value: String) -> String { values[name] ?? value }
}
