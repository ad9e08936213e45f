#!/usr/bin/env python3
"""Preview benchmark (`make bench-serve`): how long from saving an article to the reload event, and how many
requests per second the preview answers.

    python3 bench/serve.py bench/work/10000/bantin [--edits 20] [--port 8765]

It starts `bantin serve` (release build) on the site, listens to the live-reload event stream like an open tab,
then edits articles one at a time. The time measured runs from the moment the edited file is closed to the moment
the `reload` event arrives: the watcher's coalescing, the rebuild and the event, everything a writer waits for.
Three kinds of edit are timed: a sentence added to the body, a changed tag (the index is rebuilt), and a title
(the article's URL changes). Every file is restored afterwards. Then `wrk` (Debian's package) sends requests over
100 connections for 10 s to an article page; the figures and any failed requests are printed.
"""
import argparse
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time


def wait_for(proc_lines, pattern, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for line in list(proc_lines):
            if re.search(pattern, line):
                return line
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {pattern!r}; server said:\n" + "".join(proc_lines[-20:]))


class EventStream:
    """A raw socket on /__bantin/events: counts `reload` events as they arrive."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__bantin/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.buffer = b""
        self.read_until(b": bantin")

    def read_until(self, marker, timeout=30):
        self.sock.settimeout(timeout)
        while marker not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise SystemExit("the event stream closed")
            self.buffer += chunk
        _, _, self.buffer = self.buffer.partition(marker)

    def next_reload(self):
        self.read_until(b"event: reload")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--bantin", default=".build/release/bantin")
    ap.add_argument("--seconds", type=int, default=10)
    args = ap.parse_args()

    content = os.path.join(args.site, "Content")
    articles = sorted(os.path.join(d, f) for d, _, fs in os.walk(content) for f in fs if f.endswith(".md"))
    print(f"site: {args.site} ({len(articles)} articles)")
    proc = subprocess.Popen([args.bantin, "serve", "--site", args.site, "--port", str(args.port), "--timings"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines = []
    threading.Thread(target=lambda: [lines.append(l) for l in proc.stderr], daemon=True).start()
    started = time.time()
    wait_for(lines, r"^Built ", 600)
    print(f"first build: {lines[-2].strip() if len(lines) > 1 else ''} ({time.time() - started:.1f} s to serve)")
    wait_for(lines, r"search index and data", 600)
    events = EventStream(args.port)

    rng = random.Random(7)
    originals = {}
    results = {"body": [], "tag": [], "title": []}
    try:
        for n in range(args.edits):
            for kind in ("body", "tag", "title"):
                if kind != "body" and n % 4:
                    continue
                path = rng.choice(articles)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                originals.setdefault(path, text)
                if kind == "body":
                    new = text + f"\nĐoạn bổ sung thứ {n} về kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.\n"
                elif kind == "tag":
                    new = re.sub(r"^tags: \[", f"tags: [Chủ đề thử {n}, ", text, count=1, flags=re.M)
                else:
                    def retitle(m):
                        v = m.group(1)
                        return f"title: {v[:-1]} (bản sửa {n}){v[-1]}" if v.endswith('"') else f"title: {v} (bản sửa {n})"
                    new = re.sub(r"^title: (.*)$", retitle, text, count=1, flags=re.M)
                before = len(lines)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
                t0 = time.perf_counter()
                events.next_reload()
                results[kind].append((time.perf_counter() - t0) * 1000)
                # Let the search index catch up, so each edit is timed on its own.
                deadline = time.time() + 30
                while time.time() < deadline and not any("search index and data" in l or "No page changed" in l for l in lines[before:]):
                    time.sleep(0.02)
                time.sleep(0.05)
    finally:
        for path, text in originals.items():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        time.sleep(1.5)

    print("\nsave → reload event (ms): median / p90 / max over edits")
    for kind, values in results.items():
        if values:
            values.sort()
            p90 = values[min(len(values) - 1, int(len(values) * 0.9))]
            print(f"  {kind:6} n={len(values):3}  {statistics.median(values):7.1f} / {p90:7.1f} / {max(values):7.1f}")
    rebuilt = [l.strip() for l in lines if l.startswith("Rebuilt")]
    stages = [l.strip() for l in lines if l.startswith("  load")]
    if stages:
        print("  last rebuild steps:", stages[-1])

    # Throughput: an article page, 100 connections.
    page = None
    for l in reversed(rebuilt):
        m = re.search(r": (\S+?/index\.html)", l)
        if m:
            page = "/" + m.group(1)[: -len("index.html")]
            break
    page = page or "/"
    wrk = shutil.which("wrk")
    if wrk:
        out = subprocess.run([wrk, "-t2", "-c100", f"-d{args.seconds}s", f"http://127.0.0.1:{args.port}{page}"],
                             capture_output=True, text=True).stdout
        rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
        errors = re.search(r"Socket errors: (.*)", out)
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        total = re.search(r"(\d+) requests in", out)
        latency = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", out)
        print(f"\nwrk -t2 -c100 -d{args.seconds}s {page}")
        print(f"  {rps.group(1) if rps else '?'} requests/s, {total.group(1) if total else '?'} requests, "
              f"latency avg {latency.group(1) if latency else '?'}, "
              f"socket errors: {errors.group(1) if errors else 'none'}, non-2xx: {non2xx.group(1) if non2xx else 0}")
    else:
        print("\nwrk is not installed (apt-get install wrk): throughput not measured")

    t0 = time.perf_counter()
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)
    print(f"\nCtrl-C: exited with {proc.returncode} in {(time.perf_counter() - t0) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
