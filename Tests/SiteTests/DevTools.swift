/// The start the browser tests share, as JavaScript for Node (20.10 or later, for `WebSocket`), to put after the
/// script reads `chromium`, `port` and `profile` from its arguments: headless Chromium with the DevTools protocol on
/// `port`, then an async function (which the script goes on in and closes) holding `ws`, open to the browser's
/// page. Defines `chrome`, `sleep(ms)` and `done(code, text)` (prints `text`, kills the browser, exits with `code`).
enum DevTools {
    static func prelude(windowSize: String? = nil) -> String {
        let size = windowSize.map { "\"--window-size=\($0)\", " } ?? ""
        return #"""
        const chrome = spawn(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", \#(size)
          "--remote-debugging-port=" + port, "--user-data-dir=" + profile, "about:blank"], { stdio: "ignore" });
        const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
        const done = (code, text) => { console.log(text); chrome.kill("SIGKILL"); process.exit(code); };
        (async () => {
          let target;
          for (let i = 0; i < 150 && !target; i++) {
            try { target = (await (await fetch("http://127.0.0.1:" + port + "/json")).json()).find((t) => t.type === "page"); }
            catch (e) { await sleep(200); }
          }
          if (!target) done(2, "chromium did not start");
          const ws = new WebSocket(target.webSocketDebuggerUrl);
        """#
    }
}
