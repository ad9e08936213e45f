/// Small inline SVG charts drawn at build time, so pages need no script.
enum Chart {
    /// A bar per year from the first to the last year given, each bar as tall as that year's count.
    static func perYear(_ years: [Int]) -> String {
        guard let first = years.min(), let last = years.max() else { return "" }
        var counts = [Int](repeating: 0, count: last - first + 1)
        for y in years { counts[y - first] += 1 }
        let maxCount = counts.max() ?? 1
        let barWidth = 28, gap = 8, height = 120, top = 16, bottom = 22
        let width = counts.count * (barWidth + gap) + gap
        let total = height + top + bottom
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(total)\" width=\"\(width)\" height=\"\(total)\" role=\"img\" aria-label=\"\(InterfaceText.chartLabel(first, last))\">"
        svg += "<line x1=\"0\" y1=\"\(top + height)\" x2=\"\(width)\" y2=\"\(top + height)\" stroke=\"#dde2e7\"/>"
        for (i, n) in counts.enumerated() {
            let x = gap + i * (barWidth + gap)
            let h = maxCount == 0 ? 0 : Int((Double(n) / Double(maxCount) * Double(height)).rounded())
            let y = top + height - h
            svg += "<g><title>\(InterfaceText.chartBar(first + i, n))</title>"
            if h > 0 { svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(h)\" fill=\"#a4161a\"/>" }
            if n > 0 { svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(y - 4)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1d2228\">\(n)</text>" }
            let label = counts.count > 12 ? String(String(first + i).suffix(2)) : String(first + i)
            svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(top + height + 15)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6570\">\(label)</text></g>"
        }
        return svg + "</svg>"
    }
}
