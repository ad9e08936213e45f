import Foundation
import Testing
@testable import Templating

/// Lists are built with only the entry fields their templates read (`Theme.names(inside:of:)`); these tests pin
/// what that set is, since a field left out that a tag does read would render as empty.
@Suite struct ItemNamesTests {
    @Test func defaultListReadsOnlyTheRenderedEntry() throws {
        let theme = try Theme.load(overrides: [:])
        #expect(theme.names(inside: "articles", of: "list") == ["html"])
    }

    @Test func defaultDocumentPageReadsTheFieldsNotTheEntry() throws {
        let names = try #require(try Theme.load(overrides: [:]).names(inside: "articles", of: "document"))
        #expect(names.isSuperset(of: ["title", "url", "dateISO", "dateLong", "source", "snippet"]))
        #expect(!names.contains("html"))
    }

    @Test func namesInsideAPartialCalledInTheSectionCount() throws {
        let theme = try Theme.load(overrides: [
            "list.mustache": Array("{{<layout}}{{$main}}{{#articles}}{{>entry}}{{/articles}}{{/main}}{{/layout}}".utf8),
            "partials/entry.mustache": Array("<p>{{author}} — {{meta.when}}</p>".utf8),
        ])
        let names = try #require(theme.names(inside: "articles", of: "list"))
        #expect(names.isSuperset(of: ["author", "meta"]))
        #expect(!names.contains("html"))
    }

    @Test func aSectionInsideAPartialIsFound() throws {
        let theme = try Theme.load(overrides: [
            "list.mustache": Array("{{<layout}}{{$main}}{{>entries}}{{/main}}{{/layout}}".utf8),
            "partials/entries.mustache": Array("<ol>{{#articles}}<li>{{title}}</li>{{/articles}}</ol>".utf8),
        ])
        #expect(theme.names(inside: "articles", of: "list")?.contains("title") == true)
    }

    @Test func aDynamicPartialMakesTheSetUnknown() throws {
        let theme = try Theme.load(overrides: [
            "list.mustache": Array("{{<layout}}{{$main}}{{#articles}}{{>*kind}}{{/articles}}{{/main}}{{/layout}}".utf8),
        ])
        #expect(theme.names(inside: "articles", of: "list") == nil)
    }
}
