import ArgumentParser
import Archive
import Foundation
import Starter

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new site, or a new article in a site.",
        subcommands: [NewSite.self, NewArticle.self]
    )
}

struct NewSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Create a site folder: site.yml, one example article, .gitignore, and CI files for GitHub and GitLab.",
        discussion: "The folder must not exist or be empty. Then: bantin build --site DIR (or bantin serve --site DIR)."
    )

    @Argument(help: "The new site's folder.")
    var folder: String

    @Option(help: "The site's title.")
    var title = "Kho lưu trữ tin bài"

    func run() throws {
        let now = Starter.localTime(epochSeconds: Int(Date().timeIntervalSince1970), offset: 7 * 3600)
        do {
            let written = try Starter.newSite(at: folder, title: title, now: now)
            for p in written { print("wrote \(folder)/\(p)") }
            print("Next: bantin serve --site \(folder)   (preview while you write), bantin build --site \(folder)   (the archive in \(folder)/Output/)")
        } catch {
            warn(error.description)
            throw ExitCode.failure
        }
    }
}

struct NewArticle: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "article",
        abstract: "Create Content/YYYY/MM/slug.md with the title, the current date and time in the site's time zone, and draft: true."
    )

    @Argument(help: "The article's title.")
    var title: String

    @Option(help: "The site folder.")
    var site = "."

    func run() throws {
        guard FileManager.default.fileExists(atPath: site + "/Content") || FileManager.default.fileExists(atPath: site + "/site.yml") else {
            warn("\(site): error: not a Bantin site (no site.yml and no Content/); run it in a site folder or pass --site DIR")
            throw ExitCode.failure
        }
        var offset = 7 * 3600
        if FileManager.default.fileExists(atPath: site + "/site.yml") {
            do { offset = try SiteConfig.load(file: site + "/site.yml", path: site + "/site.yml").timeZoneOffset } catch {
                warn(error.description)
                throw ExitCode.failure
            }
        }
        let now = Starter.localTime(epochSeconds: Int(Date().timeIntervalSince1970), offset: offset)
        do {
            let path = try Starter.newArticle(in: site, title: title, now: now)
            print("wrote \(site)/\(path) (a draft: bantin serve --drafts shows it; remove draft: true to publish it)")
        } catch {
            warn(error.description)
            throw ExitCode.failure
        }
    }
}
