/// Where Bantin puts each kind of page, in one place: a theme or a translation that renames a section changes only
/// this file. Every path is site-relative, folders end in "/".
enum SitePaths {
    static let documents = "van-ban/"
    static let tags = "chu-de/"
    static let archives = "luu-tru/"
    static let searchPage = "tim-kiem/"
    static let searchData = "search/"
    static let data = "data/"
    static let assets = "assets/"
    /// Page 2 and on of any list: "chu-de/kinh-te/trang/2/".
    static let pages = "trang/"

    static func document(_ slug: String) -> String { documents + slug + "/" }
    static func tag(_ slug: String) -> String { tags + slug + "/" }
    /// A list page's Atom feed, beside its first page.
    static func feed(_ folder: String) -> String { folder + "atom.xml" }

    /// Prefixes an article's URL may not take.
    static let reserved = [pages, tags, documents, archives, assets, data, searchPage, searchData]
}
