// Micro-benchmarks for `make bench`, in release mode. Not a test: it measures, it asserts nothing.
//
//   bantin-bench recogniser FILE [ROUNDS]   document recogniser throughput on one core
//   bantin-bench markdown FILE [ROUNDS]     cmark through Bantin's wrapper, on one core
//   bantin-bench mentions FILE…             every raw mention (before resolution), one per line, for reading
//   bantin-bench scaling                    recogniser CPU time on adversarial texts of 1, 2, 4 and 8 MB (linear time)
//
// Hostile input (`bench/adversarial.sh`): the whole FILE as one input, the median CPU time printed as "SECONDS":
//   bantin-bench frontmatter FILE [ROUNDS]  an article's front matter (Archive), whatever its outcome
//   bantin-bench linked FILE [ROUNDS]       one Markdown document, every reference the recogniser finds linked
//   bantin-bench search FILE [ROUNDS]       search words of one article (Search)
import Archive
import Documents
import Foundation
import Markup
import Search
import Vietnamese

/// CPU time (user and system) the calling thread spends in `body`.
func cpuSeconds(_ body: () -> Void) -> Double {
    var a = timespec(), b = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a)
    body()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b)
    return Double(b.tv_sec - a.tv_sec) + Double(b.tv_nsec - a.tv_nsec) / 1e9
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}


let args = CommandLine.arguments
if args.count >= 2, args[1] == "mentions" { dumpMentions(Array(args.dropFirst(2))); exit(0) }
if args.count >= 2, args[1] == "scaling" { scaling(); exit(0) }
guard args.count >= 3, let data = FileManager.default.contents(atPath: args[2]) else {
    FileHandle.standardError.write(Data("usage: bantin-bench recogniser|markdown|frontmatter|linked|search FILE [ROUNDS]\n".utf8))
    exit(2)
}
let rounds = args.count > 3 ? Int(args[3]) ?? 3 : 3
let text = Normalization.nfc(String(decoding: data, as: UTF8.self))
let megabytes = Double(text.utf8.count) / 1e6

switch args[1] {
case "recogniser":
    let recogniser = Recogniser()
    var found = 0
    var times: [Double] = []
    let bytes = Array(text.utf8)
    for _ in 0..<rounds {
        times.append(seconds {
            bytes.withUnsafeBufferPointer { found = recogniser.scan(bytes: $0).mentions.count }
        })
    }
    let best = times.min()!, median = times.sorted()[times.count / 2]
    print(String(format: "recogniser: %.1f MB, %d mentions; median %.3f s = %.0f MB/s (best %.0f MB/s) on one core",
                 megabytes, found, median, megabytes / median, megabytes / best))
case "markdown":
    // Split into ~10 KB documents so the wrapper's per-document work is counted as a build pays it.
    // Native strings, split before timing: the measurement is the wrapper, not Foundation's splitting.
    let parts = text.components(separatedBy: "\n\n## ").map { String(decoding: Array($0.utf8), as: UTF8.self) }
    var times: [Double] = []
    var out = 0
    for _ in 0..<rounds {
        times.append(seconds {
            out = 0
            for p in parts { out &+= Markdown.render(p, options: MarkdownOptions(collectPlainText: false)).html.utf8.count }
        })
    }
    let median = times.sorted()[times.count / 2]
    print(String(format: "markdown (Bantin's cmark wrapper): %.1f MB in %d documents; median %.3f s = %.0f MB/s on one core",
                 megabytes, parts.count, median, megabytes / median))
case "frontmatter", "linked", "search":
    // The file as read, not normalised beforehand: NFC is part of what is timed, as in a build.
    let raw = String(decoding: data, as: UTF8.self)
    let recogniser = Recogniser()
    var times: [Double] = []
    var outcome = ""
    for _ in 0..<rounds {
        times.append(cpuSeconds {
            let text = args[1] == "search" ? raw : Normalization.nfc(raw)
            let bytes = Array(text.utf8)
            switch args[1] {
            case "frontmatter":
                do throws(SiteError) { outcome = "\(try Article.parse(bytes, path: "x.md", config: SiteConfig()).warnings.count) warnings" } catch {
                    outcome = "error at \(error.line):\(error.column)"
                }
            case "linked":
                // As the load stage calls it: no plain text collected, headings given ids.
                let options = MarkdownOptions(headingID: { Slug.make($0, maxLength: 60) }, collectPlainText: false)
                let r = Markdown.render(text, options: options) { runs in
                    // BENCH_NO_RECOGNISER: the wrapper alone, the runs handed over and nothing linked.
                    if ProcessInfo.processInfo.environment["BENCH_NO_RECOGNISER"] != nil { return runs.map { _ in [] } }
                    return runs.map { run in recogniser.scan(run.text).mentions.map { InlineLink(range: $0.range, url: "/van-ban/x/") } }
                }
                outcome = "\(r.htmlUTF8.count) bytes of HTML"
            default:
                var postings = ChunkPostings()
                postings.add(article: 0, text: text)
                outcome = "done"
            }
        })
    }
    print(String(format: "%.3f", times.sorted()[times.count / 2]), outcome)
default:
    FileHandle.standardError.write(Data("unknown benchmark \(args[1])\n".utf8))
    exit(2)
}

/// `path<TAB>line<TAB>written text<TAB>slug<TAB>flags`: every mention the recogniser makes, short forms included.
func dumpMentions(_ paths: [String]) {
    let recogniser = Recogniser()
    for path in paths {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        let text = Normalization.nfc(String(decoding: data, as: UTF8.self))
        let bytes = Array(text.utf8)
        for m in recogniser.scan(text).mentions {
            let line = bytes[..<m.range.lowerBound].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            var flags = m.isShortForm ? "short" : "full"
            if !m.hasNumberWord { flags += " no-so" }
            if let name = m.issuerName { flags += " issuer=\(name)" }
            let written = String(decoding: bytes[m.range], as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
            print("\(path)\t\(line)\t\(written)\t\(m.key.slug)\t\(flags)")
        }
    }
}

/// Adversarial inputs at 1, 2, 4 and 8 MB: the time must double with the size.
func scaling() {
    let cases: [(String, String)] = [
        ("dense references", "Theo Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị, Nghị quyết Trung ương 4 (khóa XII), Nghị định 30/2020/NĐ-CP và Nghị quyết Đại hội Đảng bộ tỉnh Cần Thơ lần thứ XIV; "),
        ("“số” repeated", "số "),
        ("lists of two", "Chỉ thị số 05, 06, "),
        ("one endless list", ", 06"),
        ("one endless list of symbols", ", 06-CT/TW"),
        ("a type word repeated", "Nghị quyết "),
        ("type word and number", "Nghị quyết 18 "),
        ("congress words", "Nghị quyết Đại hội Đảng bộ tỉnh "),
        ("Luật and capitals", "Luật Đất Đai Của Nhà Nước "),
        ("issuer phrases", "Chỉ thị 05 của Ban Chỉ đạo Trung ương Thành ủy "),
        ("terms listed", "Nghị quyết Trung ương 4 (khóa XI, XII, XIII, IX, X, "),
        ("spaces after a number", "Chỉ thị số 05                                                                  "),
        ("symbols run together", "Nghị định số 30/2020/NĐ-CP/2021/NĐ-CP-ND-CP/QĐ/TW-"),
        ("one long word", "a"),
        ("digits", "0"),
    ]
    let recogniser = Recogniser()
    print("| input | 1 MB | 2 MB | 4 MB | 8 MB | 8 MB / 1 MB |")
    print("|---|---|---|---|---|---|")
    for (name, unit) in cases {
        var row = "| \(name) |"
        var first = 0.0, last = 0.0
        for mb in [1, 2, 4, 8] {
            let target = mb * 1_000_000
            var bytes: [UInt8] = []
            bytes.reserveCapacity(target + unit.utf8.count)
            let u = Array(unit.utf8)
            // The one-word cases start with a trigger so the long run is read by the parser, not only skipped.
            if u.count == 1 { bytes += Array("Thành ủy Luật số Nghị quyết số ".utf8) }
            if unit.hasPrefix(", ") { bytes += Array("Chỉ thị số 05".utf8) }
            while bytes.count < target { bytes += u }
            // CPU time of this thread, the best of five: on a shared machine wall time is the neighbours' noise.
            var times: [Double] = []
            for _ in 0..<5 { times.append(cpuSeconds { bytes.withUnsafeBufferPointer { _ = recogniser.scan(bytes: $0) } }) }
            let t = times.min()!
            if mb == 1 { first = t }
            last = t
            row += String(format: " %.4f s |", t)
        }
        row += String(format: " %.1f× |", last / first)
        print(row)
    }
}
