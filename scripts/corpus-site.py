#!/usr/bin/env python3
"""Turn a folder of plain-text articles (../shared/corpus/citing/: headline on line 1, one paragraph a line)
into a Bantin site, so the real archive can be built and read as a reader would.

Dates are made deterministically from the file's numeric id, spread over January and February 2017: the corpus
carries no dates, and it was collected in February 2017, so no article can be later (dates decide which plenum
and which document a reference without term or year can mean). Nothing else is changed: the text goes in as it is.

usage: corpus-site.py SOURCE_DIR SITE_DIR
"""
import os
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, site = sys.argv[1], sys.argv[2]
    if not os.path.isdir(src):
        sys.exit(f"{src}: error: no such folder")
    content = os.path.join(site, "Content")
    os.makedirs(content, exist_ok=True)
    with open(os.path.join(site, "site.yml"), "w", encoding="utf-8") as f:
        f.write("title: Kho tin 2017\nbase_url: /\nlanguage: vi\ntimezone: \"+07:00\"\n"
                "page_size: 20\narticle_url: /{year}/{month}/{slug}/\n")
    names = sorted(n for n in os.listdir(src) if n.endswith(".txt"))
    for n in names:
        stem = n[:-4]
        with open(os.path.join(src, n), encoding="utf-8") as f:
            lines = [l.strip() for l in f.read().split("\n")]
        lines = [l for l in lines if l]
        if not lines:
            continue
        title = lines[0].replace('"', "'")
        num = int(stem) if stem.isdigit() else sum(map(ord, stem))
        day_of_year = num % 59  # 1 January … 28 February 2017
        # 2017 is not a leap year.
        months = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        m = 0
        while day_of_year >= months[m]:
            day_of_year -= months[m]
            m += 1
        date = f"2017-{m + 1:02d}-{day_of_year + 1:02d}"
        hour = num % 24
        body = "\n\n".join(l.replace("\\", "\\\\") for l in lines[1:])
        folder = os.path.join(content, "2017", f"{m + 1:02d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, stem + ".md"), "w", encoding="utf-8") as f:
            f.write(f'---\ntitle: "{title}"\ndate: {date} {hour:02d}:00\nslug: bai-{stem}\n---\n\n{body}\n')
    print(f"{len(names)} articles in {content}")


if __name__ == "__main__":
    main()
