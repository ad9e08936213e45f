#!/usr/bin/env python3
"""Turn a folder of plain-text articles (../shared/corpus/citing/: headline on line 1, one paragraph a line)
into a Bantin site, so the real archive can be built and read as a reader would.

Dates are made deterministically: the corpus carries none. Each article gets a day in January–February 2017
chosen by its numeric id, or, when a document it cites was issued later in 2017 ("Chỉ thị số 24/CT-TTg ngày
2/6/2017"), the day after the latest such date: an article is never older than what it cites, and dates decide
which plenum and which document a reference without term or year can mean. Nothing else is changed: the text goes in as it is.

usage: corpus-site.py SOURCE_DIR SITE_DIR
"""
import datetime
import os
import re
import sys

# The date of issue written after a document's symbol ("Chỉ thị số 24/CT-TTg ngày 2/6/2017"): a day in the past
# of the article. Other dates in the text may be deadlines ("đến ngày 31/12/2017") and are not used.
DATE = re.compile(r"\d+(?:/\d{4})?\s*[/-]\s*[A-ZĐ][A-Za-zĐđ]*(?:[/-][A-ZĐ][A-Za-zĐđ0-9]*)*\s*,?\s*ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(2017)\b")


def latest_mentioned(text):
    """The latest day of 2017 the text gives as a cited document's date of issue, or None."""
    best = None
    for m in DATE.finditer(text):
        d, mo, y = m.group(1), m.group(2), m.group(3)
        try:
            day = datetime.date(int(y), int(mo), int(d))
        except ValueError:
            continue
        if best is None or day > best:
            best = day
    return best


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
        day = datetime.date(2017, m + 1, day_of_year + 1)
        mentioned = latest_mentioned("\n".join(lines))
        if mentioned is not None and mentioned >= day:
            day = min(mentioned + datetime.timedelta(days=1), datetime.date(2017, 12, 31))
        date = day.isoformat()
        hour = num % 24
        body = "\n\n".join(l.replace("\\", "\\\\") for l in lines[1:])
        folder = os.path.join(content, "2017", f"{day.month:02d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, stem + ".md"), "w", encoding="utf-8") as f:
            f.write(f'---\ntitle: "{title}"\ndate: {date} {hour:02d}:00\nslug: bai-{stem}\n---\n\n{body}\n')
    print(f"{len(names)} articles in {content}")


if __name__ == "__main__":
    main()
