/// The default theme, built into the binary so `bantin build` works on any folder of articles: SwiftPM embeds the
/// files of `DefaultTheme/` (a link to the repository's `Templates/`) as `PackageResources`, one array of bytes per
/// file, named after the file alone; this table gives each its path. A file added to `Templates/` is listed here
/// too (`ThemeTests` says which are missing); a file removed from it fails to compile until its line goes.
enum DefaultTheme {
    static let files: [String: [UInt8]] = [
        "404.mustache": PackageResources._04_mustache,
        "archives.mustache": PackageResources.archives_mustache,
        "article.mustache": PackageResources.article_mustache,
        "assets/favicon.svg": PackageResources.favicon_svg,
        "assets/search.js": PackageResources.search_js,
        "assets/style.css": PackageResources.style_css,
        "document.mustache": PackageResources.document_mustache,
        "documents.mustache": PackageResources.documents_mustache,
        "layout.mustache": PackageResources.layout_mustache,
        "list.mustache": PackageResources.list_mustache,
        "partials/article-item.mustache": PackageResources.article_item_mustache,
        "partials/pagination.mustache": PackageResources.pagination_mustache,
        "redirect.mustache": PackageResources.redirect_mustache,
        "search.mustache": PackageResources.search_mustache,
        "tags.mustache": PackageResources.tags_mustache,
    ]
}
