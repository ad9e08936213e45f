#!/usr/bin/env python3
"""The Hugo twin of a Bantin site made by scripts/corpus-site.py, for bench/real.sh.

usage: real-hugo.py BANTIN_SITE REFS_JSONL HUGO_SITE

Each article keeps its title, date, slug and body; its documents (what `bantin refs --json` found in it, since
Hugo cannot find them in text) go into a `documents` taxonomy, so Hugo builds a page per document as Bantin does.
Permalinks follow Bantin's /{year}/{month}/{slug}/ and the page size is Bantin's (20).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import write_hugo_site  # noqa: E402


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    site, refs, out = sys.argv[1:]
    documents = {}
    with open(refs, encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            documents[os.path.realpath(entry["file"])] = [d["label"] for d in entry["documents"]]
    write_hugo_site(out, title="Kho tin 2017", page_size=20, permalink="/:year/:month/:slug/")
    posts = os.path.join(out, "content", "posts")
    os.makedirs(posts, exist_ok=True)
    content = os.path.join(site, "Content")
    count = 0
    for folder, _, names in sorted(os.walk(content)):
        for name in sorted(names):
            if not name.endswith(".md"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            # corpus-site.py writes: ---, title: "…", date: YYYY-MM-DD HH:00, slug: …, ---, body.
            _, head, body = text.split("---\n", 2)
            fields = dict(line.split(": ", 1) for line in head.strip().split("\n"))
            day, hour = fields["date"].split(" ")
            labels = documents.get(os.path.realpath(path), [])
            with open(os.path.join(posts, name), "w", encoding="utf-8") as f:
                f.write("---\ntitle: %s\ndate: %sT%s:00+07:00\nslug: %s\ndocuments: [%s]\n---\n%s" % (
                    fields["title"], day, hour, fields["slug"], ", ".join(json.dumps(l, ensure_ascii=False) for l in labels), body))
            count += 1
    print("%d articles → %s" % (count, out))


if __name__ == "__main__":
    main()
