import Foundation
import Testing
import SocialTimeCore
import PostgresScratch

/// The two stores are one shape: every `DataStore` transaction method is called on a fresh
/// SQLite file and on a fresh PostgreSQL database with the same inputs, in the same order, and
/// what each returns (or the kind of error it throws) is written to a transcript; the scenario
/// ends with every stored row (`forEachRow`). The transcripts must be equal line for line.
///
/// Without the PostgreSQL test cluster a scenario still runs on SQLite (and must not fail
/// there); in CI the cluster is required, so both halves always meet there.
@Suite struct StoreConformanceTests {
    @Test(arguments: ConformanceScenario.allCases)
    func bothStoresAnswerAlike(_ scenario: ConformanceScenario) async throws {
        var transcripts: [(ConformanceStore.Kind, [String])] = []
        for kind in ConformanceStore.kinds {
            let box = try await ConformanceStore.make(kind)
            let transcript = Transcript()
            do {
                try await scenario.run(on: box.store, transcript)
            } catch {
                // A write whose transaction failed: the transcript so far says which step.
                transcript.note("stopped: \(Transcript.kind(of: error))")
            }
            await box.store.close()
            transcripts.append((kind, transcript.lines))
        }
        let (_, sqlite) = transcripts[0]
        // The scenario itself is sound: on SQLite nothing it does is refused.
        let refused = sqlite.filter { $0.contains(" ✗ ") || $0.hasPrefix("stopped: ") }
        #expect(refused.isEmpty, "\(refused)")
        for (kind, other) in transcripts.dropFirst() {
            let first = (0..<max(sqlite.count, other.count)).first { $0 >= sqlite.count || $0 >= other.count || sqlite[$0] != other[$0] }
            if let first {
                let left = first < sqlite.count ? sqlite[first] : "(no more lines)", right = first < other.count ? other[first] : "(no more lines)"
                // Long lines (every row of a table): from a little before where they part.
                let same = zip(left, right).prefix { $0 == $1 }.count
                let skip = max(0, same - 120)
                Issue.record("""
                    \(scenario) step \(first + 1): SQLite and \(kind) differ\(skip > 0 ? " (first \(skip) characters alike, left out)" : "")
                      SQLite:     \(left.dropFirst(skip).prefix(600))
                      \(kind): \(right.dropFirst(skip).prefix(600))
                    """)
            }
            #expect(sqlite.count == other.count, "\(scenario): SQLite wrote \(sqlite.count) lines, \(kind) \(other.count)")
        }
    }

    /// Every method of `ReadTransaction` and `WriteTransaction` is called by some scenario, or is
    /// on the short list of methods that differ by design: a method added to the protocol without
    /// a conformance step fails here.
    @Test func everyTransactionMethodIsExercised() async throws {
        var called: Set<String> = []
        for scenario in ConformanceScenario.allCases {
            let box = try await ConformanceStore.make(.sqlite)
            let transcript = Transcript()
            try await scenario.run(on: box.store, transcript)
            called.formUnion(transcript.methods)
        }
        let declared = try Self.declaredTransactionMethods()
        #expect(declared.count >= 60, "read \(declared.count) methods from DataStore.swift")
        let missing = declared.subtracting(called).subtracting(ConformanceScenario.differentByDesign.keys)
        #expect(missing.isEmpty, "DataStore methods no conformance scenario calls: \(missing.sorted())")
    }

    /// The `func` names (each with its first argument label) of the two transaction protocols, read from the source.
    static func declaredTransactionMethods() throws -> Set<String> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = try String(contentsOf: root.appendingPathComponent("Sources/SocialTimeCore/Store/DataStore.swift"), encoding: .utf8)
        guard let start = source.range(of: "public protocol ReadTransaction") else { return [] }
        var names: Set<String> = []
        for line in source[start.lowerBound...].split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("func "), let open = text.firstIndex(of: "(") else { continue }
            let name = text.dropFirst(5)[..<open]
            // The name and its first label: `entries(_)` and `entries(ids)` are different methods.
            let first = text[text.index(after: open)...].prefix { $0 != ":" && $0 != ")" }
            let label = first.split(separator: " ").first.map(String.init) ?? ""
            names.insert("\(name)(\(label))")
        }
        return names
    }
}

/// What one store answered, line by line.
final class Transcript {
    private(set) var lines: [String] = []
    /// The methods called, as `name(firstLabel)`: `entries(_)`, `entries(ids)`, `allStaff()`.
    private(set) var methods: Set<String> = []

    /// Calls `body`, writes `method → result` (or `method ✗ error kind`) and returns the result.
    @discardableResult
    func call<T>(_ method: String, _ detail: String = "", _ body: () async throws -> T) async -> T? {
        methods.insert(method)
        let label = detail.isEmpty ? method : "\(method) [\(detail)]"
        do {
            let value = try await body()
            lines.append("\(label) → \(Self.show(value))")
            return value
        } catch {
            lines.append("\(label) ✗ \(Self.kind(of: error))")
            return nil
        }
    }

    func note(_ text: String) { lines.append(text) }

    /// Values as `String(reflecting:)` shows them (every field), with dictionaries and sets in
    /// sorted order so that equal contents read the same.
    static func show(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .dictionary:
            return "[" + mirror.children.map { pair -> String in
                let parts = Array(Mirror(reflecting: pair.value).children)
                return "\(show(parts[0].value)): \(show(parts[1].value))"
            }.sorted().joined(separator: ", ") + "]"
        case .set:
            return "{" + mirror.children.map { show($0.value) }.sorted().joined(separator: ", ") + "}"
        case .optional:
            guard let some = mirror.children.first else { return "nil" }
            return show(some.value)
        case .collection:
            return "[" + mirror.children.map { show($0.value) }.joined(separator: ", ") + "]"
        default:
            return String(reflecting: value)
        }
    }

    /// An error's kind (the `SocialTimeError` case): the wording of messages may differ by store.
    static func kind(of error: any Error) -> String {
        if let error = error as? SocialTimeError {
            return "SocialTimeError." + (Mirror(reflecting: error).children.first?.label ?? "\(error)")
        }
        // A driver's error (the stores map these to `SocialTimeError` only in the rulebook).
        return "\(type(of: error)): \(error)"
    }
}
