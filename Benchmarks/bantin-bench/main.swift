// Micro-benchmarks for `make bench`, in release mode. Not a test: it measures, it asserts nothing.
//
//   bantin-bench recogniser FILE [ROUNDS]   document recogniser throughput on one core
//   bantin-bench markdown FILE [ROUNDS]     cmark through Bantin's wrapper, on one core
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

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// CPU time of the calling thread: on a machine shared with other builds, wall time mostly measures them.
func cpuSeconds(_ body: () -> Void) -> Double {
    var a = timespec(), b = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a)
    body()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b)
    return Double(b.tv_sec - a.tv_sec) + Double(b.tv_nsec - a.tv_nsec) / 1e9
}

let args = CommandLine.arguments
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
