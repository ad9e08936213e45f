#!/usr/bin/env python3
"""How well documents are identified on a real archive: builds ../shared/corpus/citing/ into a site and reports
(1) documents whose kind + number + symbol (+ locality) appear on more than one page, each group explained, and
(2) the references left unresolved, by reason. Run by `make documents-report`; figures in docs/documents.md.

usage: documents-report.py BANTIN_BINARY [CORPUS_DIR] [WORK_DIR]
"""
import collections
import json
import os
import re
import shutil
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    corpus = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "..", "shared", "corpus", "citing")
    work = sys.argv[3] if len(sys.argv) > 3 else "/tmp/bantin-documents-report"
    if not os.path.isdir(corpus):
        sys.exit(f"{corpus}: error: the corpus is not there (it lives in ../shared/corpus/citing/)")
    shutil.rmtree(work, ignore_errors=True)
    site, out = os.path.join(work, "site"), os.path.join(work, "out")
    subprocess.run([sys.executable, os.path.join(here, "corpus-site.py"), corpus, site], check=True, stdout=subprocess.DEVNULL)
    build = subprocess.run([binary, "build", "--site", site, "--no-cache", "--output", out], capture_output=True, text=True)
    log = build.stdout + build.stderr
    if build.returncode != 0:
        print(log)
        sys.exit(f"error: the build failed (exit {build.returncode})")
    print(next((l for l in log.splitlines() if l.startswith("Built ")), "(no summary line)"))
    docs = json.load(open(os.path.join(out, "data", "documents.json"), encoding="utf-8"))
    print(f"{len(docs)} document pages")

    # 1. One symbol on several pages.
    def era_free(d):
        return (d["kind"], d["number"], d["code"], d["issuer"], d.get("locality"))
    groups = collections.defaultdict(list)
    for d in docs:
        if d["kind"] in ("party", "state"):
            groups[era_free(d)].append(d)
        elif d["kind"] == "plenum":
            groups[("plenum", d["number"], d.get("term"))].append(d)
        else:
            groups[(d["kind"], d["label"])].append(d)
    split = {k: v for k, v in groups.items() if len(v) > 1}
    distinct_eras, partial, types = [], [], []
    for k, v in sorted(split.items(), key=lambda kv: str(kv[0])):
        eras = [d.get("year") or d.get("term") for d in v]
        if len({d["type"] for d in v}) > 1:
            types.append(v)
        elif all(eras) and len(set(eras)) == len(eras):
            distinct_eras.append(v)
        else:
            partial.append(v)
    print(f"\nsymbols on more than one page: {len(split)}")
    print(f"  different years or terms (numbering restarts: two real documents): {len(distinct_eras)}")
    print(f"  one page without year beside pages with one (several fit, nothing guessed): {len(partial)}")
    print(f"  different type words for one symbol (check by hand): {len(types)}")
    def show(v):
        return ", ".join(f"{d['label']}" + (f" ({d.get('year') or d.get('term')})" if d.get('year') or d.get('term') else " (no year)")
                         + f" ×{d['articleCount']}" for d in v)
    for title, rows in (("without year", partial), ("type words", types)):
        for v in rows:
            print(f"    [{title}] {show(v)}")

    # 2. Unresolved references, by reason.
    reasons = collections.Counter()
    kinds = collections.Counter()
    for line in log.splitlines():
        m = re.search(r": warning: “([^”]*)” (does not say|can be any)", line)
        if not m:
            continue
        reasons["no document fits" if m.group(2) == "does not say" else "several documents fit"] += 1
        kinds[m.group(1).split(" ")[0] + " " + m.group(1).split(" ")[1] if " " in m.group(1) else m.group(1)] += 1
    print(f"\nunresolved references: {sum(reasons.values())}")
    for r, n in reasons.most_common():
        print(f"  {r}: {n}")
    print("  by type word: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common(8)))


if __name__ == "__main__":
    main()
