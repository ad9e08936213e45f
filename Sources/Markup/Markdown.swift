import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options for turning Markdown into HTML.
public struct MarkdownOptions: Sendable {
    /// Lets raw HTML and every link scheme through; off by default (cmark's safe mode).
    public var allowRawHTML: Bool
    /// Curly quotes, en and em dashes, ellipses.
    public var smartPunctuation: Bool
    /// Makes an anchor id from a heading's text; duplicates get "-2", "-3"… appended.
    public var headingID: @Sendable (String) -> String
    /// Collect the plain text of every block and the links; a build that needs only the first paragraph skips it.
    public var collectPlainText: Bool
    /// Collect every link and image written in the source with where it stands (`bantin check`; a build skips it).
    public var collectSourceLinks: Bool

    public init(allowRawHTML: Bool = false, smartPunctuation: Bool = true,
                headingID: @escaping @Sendable (String) -> String = { $0 }, collectPlainText: Bool = true,
                collectSourceLinks: Bool = false) {
        self.allowRawHTML = allowRawHTML
        self.smartPunctuation = smartPunctuation
        self.headingID = headingID
        self.collectPlainText = collectPlainText
        self.collectSourceLinks = collectSourceLinks
    }
}

/// A heading of the document, with the anchor id the rendered HTML carries.
public struct Heading: Sendable, Hashable {
    public let level: Int
    public let text: String
    public let id: String

    public init(level: Int, text: String, id: String) {
        self.level = level; self.text = text; self.id = id
    }
}

/// A link written in the Markdown.
public struct Link: Sendable, Hashable {
    public let url: String
    public let text: String
}

/// A link to insert around part of a text run; offsets are UTF-8 byte offsets into the run's text.
public struct InlineLink: Sendable, Hashable {
    public var range: Range<Int>
    public var url: String
    public var title: String
    public init(range: Range<Int>, url: String, title: String = "") {
        self.range = range
        self.url = url
        self.title = title
    }
}

/// A run of text as the annotator sees it, with the line its block starts on in the source.
public struct TextRun: Sendable, Hashable {
    public var text: String
    /// 1-based line of the enclosing block's first line, counted from the start of the parsed source.
    public var line: Int
    /// The first run of its leaf block (paragraph, heading, list item's paragraph…).
    public var startsBlock: Bool = true
    /// A hard line break stands between it and the previous run of its block.
    public var afterLineBreak: Bool = false

    public init(text: String, line: Int, startsBlock: Bool = true, afterLineBreak: Bool = false) {
        self.text = text; self.line = line; self.startsBlock = startsBlock; self.afterLineBreak = afterLineBreak
    }

    /// The runs as the text search indexes and snippets show: one line per block, so a heading is never read as
    /// the start of the paragraph after it; runs of one block joined as they stand (emphasis does not split a
    /// word), a hard line break as a space; quotes nested as the page shows them (`Typography.nestQuotes`).
    public static func blockText(_ runs: [TextRun]) -> String {
        var out: [UInt8] = []
        var blockStart = 0
        for run in runs {
            if run.startsBlock {
                Typography.nestQuotes(&out, from: blockStart)
                if !out.isEmpty { out.append(0x0A) }
                blockStart = out.count
            } else if run.afterLineBreak {
                out.append(0x20)
            }
            out.append(contentsOf: run.text.utf8)
        }
        Typography.nestQuotes(&out, from: blockStart)
        return String(decoding: out, as: UTF8.self)
    }
}

/// A link or image destination as the author wrote it, handed to `Markdown.render`'s `destinations` callback.
public struct Destination: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case link, image }
    public var kind: Kind
    /// The destination as cmark read it (backslash escapes and entities resolved, percent-encoding kept).
    public var url: String
    /// The plain text of the link, or the image's alternative text.
    public var text: String
    /// 1-based line in the parsed source, and 1-based column in bytes of that line, of the `[` or `![`.
    public var line: Int
    public var byteColumn: Int
}

/// What to make of a destination: the address to write instead (nil keeps it) and, for an image, its size.
public struct DestinationRewrite: Sendable, Hashable {
    public var url: String?
    public var width: Int?
    public var height: Int?
    public init(url: String? = nil, width: Int? = nil, height: Int? = nil) {
        self.url = url; self.width = width; self.height = height
    }
}

/// Everything the rest of Bantin needs from one Markdown document: value types only, no cmark pointer.
public struct RenderedMarkdown: Sendable {
    /// The body as HTML, UTF-8 bytes as cmark wrote them: the build writes them out as they are, and a String
    /// would validate and copy every body once more.
    public var htmlUTF8: [UInt8]
    public var html: String { String(decoding: htmlUTF8, as: UTF8.self) }
    public var headings: [Heading]
    /// The text of every block, blocks separated by a newline: for summaries, reading time and search
    /// (empty when `MarkdownOptions.collectPlainText` is off).
    public var plainText: String
    /// Plain text of the first paragraph.
    public var firstParagraph: String
    public var links: [Link]
    /// Every link and image of the source in document order (empty unless `MarkdownOptions.collectSourceLinks`).
    public var sourceLinks: [Destination] = []
}

/// Markdown through libcmark. Every cmark tree and rendered buffer lives inside one call of `render`.
public enum Markdown {
    /// Parses and renders `source`.
    ///
    /// `annotate` receives the text runs of the document (text outside code, raw HTML, links and images; a soft
    /// line break reads as one space) and returns, for each run, the links to insert; they must not overlap.
    ///
    /// `destinations`, when given, sees every link and image the author wrote, in document order, before any link
    /// is inserted, and may give each another address; every image is then written by Bantin with
    /// `loading="lazy"`, and with `width` and `height` when the callback knows them.
    public static func render(
        _ source: String,
        options: MarkdownOptions = MarkdownOptions(),
        annotate: ([TextRun]) -> [[InlineLink]] = { _ in [] },
        destinations: ((Destination) -> DestinationRewrite?)? = nil
    ) -> RenderedMarkdown {
        var cmarkOptions = CMARK_OPT_VALIDATE_UTF8
        if options.smartPunctuation { cmarkOptions |= CMARK_OPT_SMART }
        if options.allowRawHTML { cmarkOptions |= CMARK_OPT_UNSAFE }

        var source = source
        // cmark_parse_document returns a tree the caller frees with cmark_node_free.
        let root: OpaquePointer = source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, cmarkOptions) }
        }
        defer { cmark_node_free(root) }
        // Adjacent text nodes (cmark splits at every special character) become one, so references read whole.
        cmark_consolidate_text_nodes(root)

        let tree = Tree(root: root)
        // Before links are inserted: only what the source wrote, walked once for both uses.
        let found = options.collectSourceLinks || destinations != nil ? tree.destinations() : []
        let sourceLinks = options.collectSourceLinks ? found.map(\.1) : []
        if let destinations { tree.rewriteDestinations(found, safe: !options.allowRawHTML, destinations) }
        let runs = tree.collectRuns()
        let links = annotate(runs.map { TextRun(text: $0.text, line: $0.line, startsBlock: $0.startsBlock, afterLineBreak: $0.afterLineBreak) })
        for (run, inserts) in zip(runs, links) where !inserts.isEmpty {
            tree.insertLinks(inserts, into: run)
        }
        // After the annotator has read the quotes as written (a title in quotes after a reference), before the
        // headings, summaries and HTML are taken from the tree.
        if options.smartPunctuation { tree.nestQuotes() }
        let headings = tree.anchorHeadings(makeID: options.headingID)
        let (plain, first, written) = options.collectPlainText ? tree.collectText() : ("", tree.firstParagraph(), [])

        // cmark_render_html returns a malloc'd buffer the caller frees.
        guard let buffer = cmark_render_html(root, cmarkOptions) else {
            return RenderedMarkdown(htmlUTF8: [], headings: headings, plainText: plain, firstParagraph: first, links: written,
                                    sourceLinks: sourceLinks)
        }
        defer { free(buffer) }
        let html = UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self)
        // Document symbols kept on one line, once per body (the theme's templates do the same for titles and labels).
        let bytes = Typography.keepSymbolsTogether(Array(UnsafeBufferPointer(start: html, count: strlen(buffer))))
        return RenderedMarkdown(htmlUTF8: bytes, headings: headings, plainText: plain,
                                firstParagraph: first, links: written, sourceLinks: sourceLinks)
    }

    /// Renders a short inline snippet of Markdown (a title, say) to HTML without the paragraph wrapper.
    public static func renderInline(_ source: String, options: MarkdownOptions = MarkdownOptions()) -> String {
        var html = render(source, options: options).html
        if html.hasPrefix("<p>") && html.hasSuffix("</p>\n") {
            html = String(html.dropFirst(3).dropLast(5))
        }
        return html
    }
}
