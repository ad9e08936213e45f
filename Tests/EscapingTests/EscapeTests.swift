import Testing
@testable import Escaping

/// Each context's dangerous characters, controls, and bytes that are not UTF-8.
@Suite struct EscapeTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        ("a & b", "a &amp; b"),
        ("\" onmouseover=\"x", "&quot; onmouseover=&quot;x"),
        ("&amp;", "&amp;amp;"),
        ("Nghị quyết số 04-NQ/TW “Về…”", "Nghị quyết số 04-NQ/TW “Về…”"),
        ("", ""),
    ])
    func htmlEscapesTheFiveCharacters(_ input: String, _ expected: String) {
        #expect(Escape.html(input) == expected)
    }

    @Test func htmlAppendsAndKeepsWhatCameBefore() {
        var out = Array("x".utf8)
        Escape.html("<", into: &out)
        #expect(out == Array("x&lt;".utf8))
    }

    @Test(arguments: [
        [UInt8]([0xFF, 0x3C, 0xC3]),  // not UTF-8, a lone lead byte at the end
        [0xED, 0xA0, 0x80],  // a surrogate written in UTF-8
        [0xC0, 0xAF],  // an overlong "/"
        [0x00, 0x01, 0x7F],
    ])
    func invalidUTF8BecomesReplacementCharacters(_ bytes: [UInt8]) {
        var out: [UInt8] = []
        Escape.html(bytes: bytes, into: &out)
        let text = String(decoding: out, as: UTF8.self)
        #expect(Array(text.utf8) == out)  // valid UTF-8
        #expect(!text.contains("<"))
    }

    @Test(arguments: [
        ("a & b < c > d", "a &amp; b &lt; c &gt; d"),
        ("\"'", "&quot;&apos;"),
        ("tab\tline\nreturn\r", "tab\tline\nreturn\r"),
        ("nul\u{0}bell\u{7}esc\u{1B}end", "nulbellescend"),
        ("\u{FFFE}x\u{FFFF}", "x"),
        ("\u{FFFD}\u{FEFF}", "\u{FFFD}\u{FEFF}"),  // characters XML allows stay
        ("vi\"><script>", "vi&quot;&gt;&lt;script&gt;"),
    ])
    func xmlEscapesEntitiesAndDropsForbiddenCharacters(_ input: String, _ expected: String) {
        #expect(Escape.xml(input) == expected)
    }

    @Test(arguments: [
        ("plain", "\"plain\""),
        ("quote \" backslash \\", "\"quote \\\" backslash \\\\\""),
        ("line\nreturn\rtab\t", "\"line\\nreturn\\rtab\\t\""),
        ("nul\u{0}unit\u{1F}", "\"nul\\u0000unit\\u001f\""),
        ("</script>", "\"</script>\""),
        ("Cần Thơ", "\"Cần Thơ\""),
    ])
    func jsonEscapesQuotesBackslashesAndControls(_ input: String, _ expected: String) {
        #expect(Escape.jsonString(input) == expected)
    }

    @Test func everyControlCharacterIsEscapedInJSON() {
        for c in 0..<0x20 {
            let s = Escape.jsonString(String(Unicode.Scalar(UInt8(c))))
            #expect(s.utf8.allSatisfy { $0 >= 0x20 })
        }
    }

    @Test(arguments: [
        ("/chu-de/kinh-te/", "/chu-de/kinh-te/"),
        ("ảnh 1.jpg", "%E1%BA%A3nh%201.jpg"),
        ("a\"b<c>d'e", "a%22b%3Cc%3Ed%27e"),
        ("already%20encoded", "already%20encoded"),
        ("100%", "100%25"),
        ("50%zz", "50%25zz"),
        ("a?b#c", "a%3Fb%23c"),
        ("nul\u{0}", "nul%00"),
        ("https://host:8080/p@x;y=1,2", "https://host:8080/p@x;y=1,2"),
    ])
    func urlPathEncodesWhatAPathCannotHold(_ input: String, _ expected: String) {
        #expect(Escape.urlPath(input) == expected)
    }

    @Test(arguments: [
        ("tự diễn biến", "t%E1%BB%B1%20di%E1%BB%85n%20bi%E1%BA%BFn"),
        ("a&b=c/d?e#f", "a%26b%3Dc%2Fd%3Fe%23f"),
        ("100%20", "100%2520"),
        ("safe-._~", "safe-._~"),
    ])
    func urlQueryEncodesAllButUnreserved(_ input: String, _ expected: String) {
        #expect(Escape.urlQuery(input) == expected)
    }

    @Test func noDangerousByteSurvivesInAnyContext() {
        let hostile = String(decoding: (0...255).map { UInt8($0) }, as: UTF8.self) + "\u{FFFE}\u{10FFFF}"
        #expect(!Escape.html(hostile).utf8.contains { $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
        #expect(Escape.jsonString(hostile).utf8.allSatisfy { $0 >= 0x20 })
        #expect(!Escape.xml(hostile).utf8.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D })
        #expect(Escape.urlPath(hostile).utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x3C && $0 != 0x3E && $0 != 0x27 })
    }
}

/// `Escape.percentDecoded`, which the link checker and the files beside articles share.
@Suite struct PercentDecodingTests {
    @Test func decodesHexPairsAndKeepsAStrayPercent() {
        #expect(String(decoding: Escape.percentDecoded(Array("anh%20h%E1%BB%99i%2fngh%e1%bb%8b.png".utf8)), as: UTF8.self) == "anh hội/nghị.png")
        #expect(Escape.percentDecoded(Array("100%".utf8)) == Array("100%".utf8))
        #expect(Escape.percentDecoded(Array("%zz%4".utf8)) == Array("%zz%4".utf8))
        #expect(Escape.percentDecoded(Array("a%00b".utf8)) == [0x61, 0, 0x62])
    }
}
