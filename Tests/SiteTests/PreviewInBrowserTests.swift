import Foundation
import Preview
import Testing
@testable import Site

/// The preview in a real browser: headless Chromium driven over the DevTools protocol by a small Node script
/// (Node 20.10 or later, for its WebSocket), which opens the home page, saves an article and waits for the tab
/// to load again by itself.
@Suite("Preview in a browser", .serialized)
struct PreviewInBrowserTests {
    static let script = #"""
    const { spawn } = require("child_process");
    const fs = require("fs");
    const [chromium, url, file, port, profile] = process.argv.slice(2);
    \#(DevTools.prelude())
      let id = 0, loads = 0, title = "";
      const send = (method, params = {}) => ws.send(JSON.stringify({ id: ++id, method, params }));
      ws.onmessage = (m) => { const msg = JSON.parse(m.data); if (msg.method === "Page.loadEventFired") loads++; };
      await new Promise((r) => (ws.onopen = r));
      send("Page.enable");
      send("Page.navigate", { url });
      for (let i = 0; i < 600 && loads < 1; i++) await sleep(50);
      if (loads < 1) done(3, "the page did not load");
      await sleep(1000);  // the event stream is open by now
      fs.appendFileSync(file, "\nMột câu thêm để xem trang tự tải lại.\n");
      for (let i = 0; i < 600 && loads < 2; i++) await sleep(50);
      done(loads >= 2 ? 0 : 1, loads >= 2 ? "reloaded" : "no reload");
    })();
    """#

    @Test("saving an article reloads the open tab by itself",
          .enabled(if: Tool.chromium != nil, "needs chromium (apt-get install chromium)"),
          .enabled(if: Tool.nodeHasWebSocket, "needs Node 20.10 or later, for its WebSocket (apt-get install nodejs)"))
    func tabReloads() async throws {
        let chromium = try #require(Tool.chromium), node = try #require(Tool.node)
        let site = try TempSite([
            "site.yml": "title: Xem trước\n",
            "Content/2017/bai.md": article("Hội nghị học tập chuyên đề", date: "2017-12-13", body: "Đảng bộ phường triển khai Chỉ thị số 05-CT/TW."),
        ])
        defer { site.cleanup() }
        try Data(Self.script.utf8).write(to: URL(fileURLWithPath: site.dir + "/reload.js"))
        let server = try PreviewServer(PreviewOptions(siteDirectory: site.dir, outputDirectory: site.dir + "/Served", port: 0), report: { _ in })
        let task = Task { try? await server.run() }
        defer { Task { await server.stop(); task.cancel() } }
        var port: UInt16? = nil
        for _ in 0..<1000 {
            if let p = await server.port { port = p; break }
            try await Task.sleep(for: .milliseconds(10))
        }
        let bound = try #require(port)
        let debugPort = SearchInBrowserTests.freePort()
        let dir = site.dir
        let (status, out, _) = try await offThePool {
            try run(node, ["--experimental-websocket", dir + "/reload.js", chromium, "http://127.0.0.1:\(bound)/",
                           dir + "/Content/2017/bai.md", String(debugPort), dir + "/.chromium"], timeout: 120)
        }
        #expect(status == 0, "\(out)")
        #expect(out.contains("reloaded"))
    }
}
