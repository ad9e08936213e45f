import Foundation
import Vietnamese

/// `bantin new`: a new site folder ready to build and publish, and new articles in it. Writes only files that do
/// not exist yet; a failure says which path and why.
public enum Starter {
    public struct Failure: Error, CustomStringConvertible {
        public let path: String, message: String
        public var description: String { "\(path): error: \(message)" }
    }

    /// The files of a new site, by path (relative to its folder), in the order they are written.
    public static func siteFiles(title: String, now: LocalDateTime) -> [(String, String)] {
        let (y, m) = (now.year, now.month < 10 ? "0\(now.month)" : "\(now.month)")
        return [
            ("site.yml", siteYML(title: title)),
            ("Content/\(y)/\(m)/chao-mung.md", exampleArticle(now: now)),
            ("static/.gitkeep", ""),
            (".gitignore", "# What Bantin makes: the archive and its build cache.\nOutput/\n.bantin-cache/\n"),
            (".github/workflows/bantin.yml", githubWorkflow),
            (".gitlab-ci.yml", gitlabCI),
        ]
    }

    /// Creates a site in `folder` (which must not exist or be empty). Returns the paths written.
    public static func newSite(at folder: String, title: String, now: LocalDateTime) throws(Failure) -> [String] {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) {
            guard isDir.boolValue else { throw Failure(path: folder, message: "a file is there; choose a folder that does not exist yet") }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            guard entries.isEmpty else {
                throw Failure(path: folder, message: "the folder is not empty; a new site goes in a new or empty folder (nothing was written)")
            }
        }
        var written: [String] = []
        for (path, text) in siteFiles(title: title, now: now) {
            try write(folder + "/" + path, text)
            written.append(path)
        }
        return written
    }

    /// Creates `Content/YYYY/MM/slug.md` in `site` for an article titled `title`, dated `now` and left a draft.
    public static func newArticle(in site: String, title: String, now: LocalDateTime) throws(Failure) -> String {
        let slug = Slug.make(title, maxLength: 80)
        guard !slug.isEmpty else { throw Failure(path: site, message: "the title “\(title)” has no letters or digits to make a file name of") }
        let m = now.month < 10 ? "0\(now.month)" : "\(now.month)"
        let path = "Content/\(now.year)/\(m)/\(slug).md"
        guard !FileManager.default.fileExists(atPath: site + "/" + path) else {
            throw Failure(path: site + "/" + path, message: "an article is already there; choose another title or edit that one")
        }
        let text = "---\ntitle: \"\(title.replacingOccurrences(of: "\"", with: "\\\""))\"\ndate: \(stamp(now))\ndraft: true\ntags: []\n---\n\n"
        try write(site + "/" + path, text)
        return path
    }

    /// "2026-12-01 21:05 +07:00".
    static func stamp(_ d: LocalDateTime) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let off = abs(d.offset)
        return "\(d.year)-\(two(d.month))-\(two(d.day)) \(two(d.hour)):\(two(d.minute)) \(d.offset < 0 ? "-" : "+")\(two(off / 3600)):\(two(off % 3600 / 60))"
    }

    static func write(_ full: String, _ text: String) throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: full, contents: Data(text.utf8)) else {
                throw Failure(path: full, message: "cannot write the file; check the folder's permissions")
            }
        } catch let f as Failure {
            throw f
        } catch {
            throw Failure(path: full, message: "cannot create its folder (\(error.localizedDescription))")
        }
    }

    static func siteYML(title: String) -> String {
        """
        # Cấu hình của kho lưu trữ. Mọi khóa đều có giá trị mặc định; xem README của Bantin, mục “site.yml”.
        title: "\(title.replacingOccurrences(of: "\"", with: "\\\""))"
        description: Kho lưu trữ tin bài của đơn vị
        # Địa chỉ công khai của trang: mọi liên kết, nguồn tin Atom và sơ đồ trang được tạo theo địa chỉ này.
        base_url: https://example.vn/
        language: vi
        timezone: "+07:00"
        page_size: 20
        article_url: /{year}/{month}/{slug}/
        # Tỉnh, thành phố của đơn vị: văn bản của Tỉnh ủy, UBND… không ghi địa phương được hiểu là của nơi này.
        # locality: Cần Thơ
        # Chân trang: đơn vị chủ quản, địa chỉ, liên hệ.
        # organisation: Ban Tuyên giáo …
        # address: …
        # contact: "Điện thoại: … · Thư điện tử: …"

        """
    }

    static func exampleArticle(now: LocalDateTime) -> String {
        """
        ---
        title: Chào mừng đến với kho lưu trữ
        date: \(stamp(now))
        tags: [Giới thiệu]
        summary: Bài mẫu cho biết cách viết một bài trong kho; có thể xóa khi đã có bài thật.
        ---

        Mỗi bài là một tệp Markdown trong thư mục `Content/`, với phần đầu ghi tiêu đề, ngày đăng và chủ đề.

        Khi bài nhắc đến văn bản như Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị, Bantin tự nhận ra văn bản đó,
        tạo liên kết và đưa bài vào trang riêng của văn bản trong mục Văn bản.

        Chạy `bantin serve` để xem trước trong lúc viết, `bantin build` để tạo kho trong thư mục `Output/`.

        """
    }

    /// GitHub Actions: download Bantin's binary, check the site (any warning fails the run), build it with the cache
    /// and the output kept between runs, publish to GitHub Pages. The steps are run by scripts/exercise-ci-steps.sh.
    static let githubWorkflow = #"""
    # Checks and builds the archive with Bantin on every push to main, and every morning (so that articles dated in
    # the future come out on their day), and publishes it to GitHub Pages.
    # Bantin is one file, downloaded from BANTIN_DOWNLOAD: set a repository variable of that name (Settings → Secrets
    # and variables → Actions → Variables) to the address of the tarball Bantin's `make dist` makes
    # (bantin-VERSION-linux-x86_64.tar.gz), published where your runners can fetch it.
    # The build cache (.bantin-cache/) and Output/ are kept between runs: a run reads only the articles that changed.
    name: Bantin
    on:
      push:
        branches: [main]
      schedule:
        - cron: "0 23 * * *"
      workflow_dispatch: {}
    permissions:
      contents: read
      pages: write
      id-token: write
    concurrency:
      group: pages
      cancel-in-progress: true
    env:
      BANTIN_DOWNLOAD: ${{ vars.BANTIN_DOWNLOAD || 'https://example.vn/bantin/bantin-linux-x86_64.tar.gz' }}
    jobs:
      build:
        runs-on: ubuntu-24.04
        defaults:
          run:
            shell: bash
        steps:
          - uses: actions/checkout@v4
          - name: Install Bantin
            run: |
              case "$BANTIN_DOWNLOAD" in *example.vn*) echo "::error::set the repository variable BANTIN_DOWNLOAD to the address of Bantin's tarball"; exit 1 ;; esac
              mkdir -p "$RUNNER_TEMP/bantin"
              curl -fsSL "$BANTIN_DOWNLOAD" | tar -xz -C "$RUNNER_TEMP/bantin" --strip-components=1
              echo "$RUNNER_TEMP/bantin/bin" >> "$GITHUB_PATH"
              "$RUNNER_TEMP/bantin/bin/bantin" --version
          - uses: actions/cache@v4
            with:
              path: |
                .bantin-cache
                Output
              key: bantin-${{ github.sha }}
              restore-keys: bantin-
          - name: Check (every warning fails the run)
            run: bantin check --strict
          - name: Build
            run: bantin build
          - uses: actions/upload-pages-artifact@v3
            with:
              path: Output
      deploy:
        needs: build
        runs-on: ubuntu-24.04
        environment:
          name: github-pages
          url: ${{ steps.deployment.outputs.page_url }}
        steps:
          - id: deployment
            uses: actions/deploy-pages@v4

    """#

    /// GitLab CI: the same, publishing to GitLab Pages (which serves the folder `public/`).
    static let gitlabCI = #"""
    # Checks and builds the archive with Bantin on every push to main (and on a pipeline schedule, if you add one, so
    # that articles dated in the future come out on their day) and publishes it to GitLab Pages.
    # Bantin is one file, downloaded from BANTIN_DOWNLOAD: set it here or as a CI/CD variable of the project to the
    # address of the tarball Bantin's `make dist` makes (bantin-VERSION-linux-x86_64.tar.gz).
    # The build cache (.bantin-cache/) and Output/ are kept between runs: a run reads only the articles that changed.
    variables:
      BANTIN_DOWNLOAD: https://example.vn/bantin/bantin-linux-x86_64.tar.gz
    pages:
      # Debian 12 with curl (and so libcurl, the one library bantin needs beyond the C and C++ runtimes).
      image: buildpack-deps:bookworm-curl
      cache:
        key: bantin
        paths:
          - .bantin-cache/
          - Output/
      before_script:
        - mkdir -p "${TMPDIR:-/tmp}/bantin"
        - curl -fsSL "$BANTIN_DOWNLOAD" | tar -xz -C "${TMPDIR:-/tmp}/bantin" --strip-components=1
        - export PATH="${TMPDIR:-/tmp}/bantin/bin:$PATH"
        - bantin --version
      script:
        - bantin check --strict
        - bantin build
        - rm -rf public && cp -r Output public
      artifacts:
        paths:
          - public
      rules:
        - if: $CI_COMMIT_BRANCH == "main"

    """#
}

extension Starter {
    /// The local time `seconds` after 1970 at `offset` seconds from UTC (Howard Hinnant's civil_from_days).
    public static func localTime(epochSeconds seconds: Int, offset: Int) -> LocalDateTime {
        let local = seconds + offset
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let secs = local - days * 86400
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return LocalDateTime(year: y, month: m, day: d, hour: secs / 3600, minute: secs % 3600 / 60, second: secs % 60, offset: offset)
    }
}
