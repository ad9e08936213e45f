import Foundation
import Testing
@testable import Templating

/// The official Mustache specification's tests (`../shared/mustache-spec/`, see its README), every case run through
/// the public `Theme` API as a theme author's templates would be: the case's template and partials loaded over the
/// default theme with `Theme.load(overrides:)`, rendered with `renderBytes`, compared byte for byte.
///
/// Lambdas (`~lambdas`) do not apply: they are code in the data, and Bantin's data is the archive.
enum MustacheSpec {
    /// `../shared/mustache-spec/` beside the repository.
    static let folder: String = {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/mustache-spec").path
    }()

    static var available: Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) && isDir.boolValue
    }

    static let modules = ["comments", "interpolation", "inverted", "sections", "partials", "delimiters", "~inheritance", "~dynamic-names"]

    struct Case: Sendable, CustomTestStringConvertible {
        var module: String
        var name: String
        var template: String
        var partials: [String: String]
        var data: JSON
        var expected: String
        var id: String { module + "/" + name }
        var testDescription: String { id }
    }

    /// A JSON value as the spec writes its data.
    indirect enum JSON: Decodable, Sendable {
        case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let n = try? c.decode(Double.self) { self = .number(n) }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else if let a = try? c.decode([JSON].self) { self = .array(a) }
            else { self = .object(try c.decode([String: JSON].self)) }
        }

        /// Bantin's values have no null: a null member is left out (a miss: empty when interpolated, false in a
        /// section), which is what the spec asks of null. Numbers are text, as page code passes them.
        var value: TemplateValue? {
            switch self {
            case .null: return nil
            case .bool(let b): return .flag(b)
            case .number(let n):
                if n == n.rounded(), abs(n) < 1e15 { return .text(String(Int(n))) }
                return .text(String(n))
            case .string(let s): return .text(s)
            case .array(let a): return .list(a.map { $0.value ?? .flag(false) })
            case .object(let o): return .object(o.compactMapValues(\.value))
            }
        }
    }

    private struct File: Decodable {
        struct Test: Decodable {
            var name: String
            var data: JSON
            var template: String
            var partials: [String: String]?
            var expected: String
        }
        var tests: [Test]
    }

    static func cases(_ module: String) -> [Case] {
        guard let data = FileManager.default.contents(atPath: folder + "/" + module + ".json"),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        var seen: [String: Int] = [:]
        return file.tests.map { t in
            // Names are not unique within a file (inheritance has two "Text inside parent").
            seen[t.name, default: 0] += 1
            let name = seen[t.name]! > 1 ? "\(t.name) (\(seen[t.name]!))" : t.name
            return Case(module: module, name: name, template: t.template, partials: t.partials ?? [:], data: t.data, expected: t.expected)
        }
    }

    static let all: [Case] = available ? modules.flatMap(cases) : []

    /// The case's template's name in the theme: not a name the spec or the default theme uses.
    static let caseTemplate = "mustache-spec-case"

    static func render(_ c: Case) throws -> String {
        var overrides: [String: [UInt8]] = [caseTemplate + ".mustache": Array(c.template.utf8)]
        for (name, text) in c.partials { overrides["partials/" + name + ".mustache"] = Array(text.utf8) }
        let theme = try Theme.load(overrides: overrides, displayPrefix: "spec/")
        return String(decoding: theme.renderBytes(caseTemplate, c.data.value ?? .object([:])), as: UTF8.self)
    }
}

@Suite(.enabled(if: MustacheSpec.available, "needs ../shared/mustache-spec"))
struct MustacheSpecTests {
    @Test(arguments: MustacheSpec.all)
    func specCase(_ c: MustacheSpec.Case) throws {
        let rendered = try MustacheSpec.render(c)
        #expect(rendered == c.expected, "\(c.id)\ntemplate: \(c.template.debugDescription)\npartials: \(c.partials)")
    }

    /// Every module is there: a missing or renamed file would otherwise pass by running nothing.
    @Test func everyModuleHasCases() {
        for module in MustacheSpec.modules {
            #expect(!MustacheSpec.cases(module).isEmpty, "\(module).json is missing or unreadable")
        }
    }
}
