#!/usr/bin/env python3
"""Writes the hostile inputs of bench/adversarial.sh: one file per pattern and size (bytes), in DIR.

    adversarial.py DIR SIZE...

Every pattern is text a user (or an attacker with write access to Content/) could commit; each is the worst
case we found for one part of Bantin. The names say which part the file is aimed at.
"""
import itertools
import os
import string
import sys

FM_END = "title: T\ndate: 2020-01-01\n---\nx\n"


def fill(head, unit, size, tail=""):
    n = max(1, (size - len(head.encode()) - len(tail.encode())) // len(unit.encode()))
    return head + unit * n + tail


def numbered(head, template, size, tail=""):
    parts, total, i = [head], len(head.encode()) + len(tail.encode()), 0
    while total < size:
        s = template.format(i=i)
        parts.append(s)
        total += len(s.encode())
        i += 1
    parts.append(tail)
    return "".join(parts)


def nested_emphasis(size):
    # cmark's own pathological case, "*a **a " × n + "b" + " a** a*" × n.
    n = size // 14
    return "*a **a " * n + "b" + " a** a*" * n + "\n"


def colliding_words(size):
    # 40-byte words whose last 24 bytes are X X 0…: a hash that XORs its last three 8-byte lanes sees them equal.
    letters = string.ascii_lowercase
    words, total = [], 0
    for combo in itertools.product(letters, repeat=6):
        x = "qq" + "".join(combo)
        w = "p" * 16 + x + x
        words.append(w)
        total += len(w) + 1
        if total >= size:
            break
    return " ".join(words) + "\n"


PATTERNS = {
    # front matter (bantin-bench frontmatter)
    "fm-keys": lambda s: numbered("---\n", "k{i}: giá trị {i}\n", s, FM_END),
    "fm-block-list": lambda s: numbered("---\ntags:\n", "  - chủ đề {i}\n", s, FM_END),
    "fm-quoted-escapes": lambda s: fill("---\ntitle: \"", "ab\\tc\\\" ", s, "\"\ndate: 2020-01-01\n---\nx\n"),
    "fm-control-chars": lambda s: fill("---\ntitle: ", "a\x01", s, "\ndate: 2020-01-01\n---\nx\n"),
    "fm-unclosed": lambda s: fill("---\n", "a: b\n", s),
    "fm-alias-list": lambda s: fill("---\na: &a x\nb: [", "*a, ", s, "*a]\n" + FM_END),
    "fm-flow-nesting": lambda s: fill("---\nx: ", "[", s, "\n" + FM_END),
    # the Markup wrapper with every reference linked (bantin-bench linked)
    "md-nested-emphasis": nested_emphasis,
    "md-refs-soft-breaks": lambda s: fill("", "Chỉ thị số 05-CT/TW và\n", s),
    "md-refs-one-line": lambda s: fill("", "Chỉ thị số 05-CT/TW và ", s, "\n"),
    "md-emphasis-runs": lambda s: fill("", "*a* ", s, "\n"),
    "md-open-brackets": lambda s: fill("", "[a ", s, "\n"),
    "md-deep-quotes": lambda s: fill("", ">", s, " a\n"),
    # search words (bantin-bench search)
    "search-vietnamese": lambda s: fill("", "Nghị quyết Trung ương tự diễn biến ", s),
    "search-distinct": lambda s: numbered("", "w{i} ", s),
    "search-colliding": colliding_words,
    "search-one-long-word": lambda s: fill("", "a", s),
    "search-nfd": lambda s: fill("", "a\u0301\u0323 ", s),
}

if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for size in map(int, sys.argv[2:]):
        for name, make in PATTERNS.items():
            path = os.path.join(out, f"{name}-{size}.md")
            if not os.path.exists(path):
                with open(path, "w", encoding="utf-8") as f:
                    f.write(make(size))
