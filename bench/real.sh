#!/usr/bin/env bash
# Part of make bench: the 35,373 real articles of ../shared/corpus/vn-news-2017.tar.xz built by Bantin and by Hugo.
#
#   RUNS=3 bash bench/real.sh          # SKIP_HUGO=1 without the Hugo reference
#
# The corpus carries no dates or front matter: scripts/corpus-site.py makes each text an article (headline as
# title, one paragraph a line, a date chosen by the article's id, never before a document it cites), and
# bench/real-hugo.py the same articles for Hugo, with the documents `bantin refs` finds in each given to Hugo in
# front matter (Hugo cannot find them in text). Everything is prepared once into bench/work/real/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
WORK=${REAL_WORK:-bench/work/real}
TARBALL=${TARBALL:-../shared/corpus/vn-news-2017.tar.xz}
source bench/common.sh
need_apt /usr/bin/time time
need_apt cmark cmark
find_hugo

[ -f "$TARBALL" ] || { echo "$TARBALL is not there: the real-text benchmark needs the shared corpus" >&2; exit 1; }
swift build -c release --product bantin >/dev/null
BANTIN=.build/release/bantin
mkdir -p "$WORK"
SRC="$WORK/vn-news-2017"
if [ ! -d "$SRC" ]; then
  echo "extracting $TARBALL into $WORK…" >&2
  tar -xJf "$TARBALL" -C "$WORK"
fi
SITE="$WORK/bantin"
if [ ! -d "$SITE/Content" ]; then
  python3 scripts/corpus-site.py "$SRC" "$SITE" >&2
  # The bodies alone, concatenated, for the cmark floor.
  python3 - "$SITE/Content" "$WORK/bodies.md" <<'PY'
import os, sys
paths = sorted(os.path.join(d, n) for d, _, names in os.walk(sys.argv[1]) for n in names if n.endswith(".md"))
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for p in paths:
        out.write(open(p, encoding="utf-8").read().split("---\n", 2)[2] + "\n")
PY
fi
if [ -z "${SKIP_HUGO:-}" ] && [ ! -d "$WORK/hugo/content" ]; then
  "$BANTIN" refs --json --site "$SITE" "$SITE/Content" > "$WORK/refs.jsonl" 2>/dev/null || true
  python3 bench/real-hugo.py "$SITE" "$WORK/refs.jsonl" "$WORK/hugo" >&2
fi
start_trash "$WORK"
ARTICLES=$(find "$SITE/Content" -name '*.md' | wc -l)
MB=$(du -sb "$WORK/bodies.md" | awk '{printf "%.1f", $1 / 1e6}')

echo "== real text: $ARTICLES articles, $MB MB of Markdown bodies, $(nproc) cores, $(date -u +%Y-%m-%d)"
SETUP="" measure "cmark floor" cmark "$WORK/bodies.md"
SETUP="aside $WORK/out-bantin" measure "bantin cold" "$BANTIN" build --site "$SITE" --output "$WORK/out-bantin" --quiet --no-cache
SETUP="aside $WORK/copy" measure "output copy (cp -r)" cp -r "$WORK/out-bantin" "$WORK/copy"
echo "   bantin wrote $(find "$WORK/out-bantin" -name '*.html' | wc -l) HTML pages"
if [ -n "$HUGO" ]; then
  SETUP="aside $WORK/out-hugo" measure "hugo" "$HUGO" --source "$WORK/hugo" --destination "$(abs "$WORK/out-hugo")" --quiet
  echo "   hugo wrote $(find "$WORK/out-hugo" -name '*.html' | wc -l) HTML pages"
fi
CACHED=("$BANTIN" build --site "$SITE" --output "$WORK/out-cached" --cache "$WORK/cache" --quiet)
SETUP="aside $WORK/out-cached $WORK/cache" measure "bantin cold, saving the cache" "${CACHED[@]}"
SETUP="" measure "bantin no change, with cache" "${CACHED[@]}"
EDITED=$(find "$SITE/Content" -name '*.md' | sort | awk 'NR % 4999 == 1' | head -n "$RUNS")
for f in $EDITED; do cp "$f" "$f.orig"; done
edit_next() { local f; f=$(echo "$EDITED" | sed -n "${EDIT_N}p"); EDIT_N=$((EDIT_N + 1)); printf '\nMột đoạn bổ sung để đo.\n' >> "$f"; }
EDIT_N=1 SETUP="edit_next" measure "bantin one edit, with cache" "${CACHED[@]}"
if [ -n "$HUGO" ]; then
  # Hugo keeps nothing between runs of `hugo`: an edit costs a whole build, into the output already there.
  HEDITED=$(find "$WORK/hugo/content/posts" -name '*.md' | sort | awk 'NR % 4999 == 1' | head -n "$RUNS")
  for f in $HEDITED; do cp "$f" "$f.orig"; done
  hedit_next() { local f; f=$(echo "$HEDITED" | sed -n "${EDIT_N}p"); EDIT_N=$((EDIT_N + 1)); printf '\nMột đoạn bổ sung để đo.\n' >> "$f"; }
  EDIT_N=1 SETUP="hedit_next" measure "hugo one edit" "$HUGO" --source "$WORK/hugo" --destination "$(abs "$WORK/out-hugo")" --quiet
  for f in $HEDITED; do mv "$f.orig" "$f"; done
fi
for f in $EDITED; do mv "$f.orig" "$f"; done
"${CACHED[@]}"
if diff -rq "$WORK/out-cached" "$WORK/out-bantin" >/dev/null; then echo "   cached output is byte-identical to the cold build's"; else echo "   WARNING: cached output differs from the cold build's"; fi
python3 - "$cmarkfloor_wall" "$outputcopycpr_wall" "$bantincold_wall" "${hugo_wall:-0}" "$bantinnochangewithcache_wall" "$bantinoneeditwithcache_wall" "${hugooneedit_wall:-0}" <<'PY'
import sys
cmark, copy, bantin, hugo, nochange, oneedit, hugoedit = map(float, sys.argv[1:])
floor = cmark + copy
print("   floor = cmark + output copy = %.2f s; bantin cold = %.2f× the floor" % (floor, bantin / floor))
if hugo:
    print("   bantin / hugo: %.2f× cold; one edit %.2f s against hugo's %.2f s" % (bantin / hugo, oneedit, hugoedit))
print("   no change with cache: %.1f%% of the cold build; one edit: %.1f%%" % (100 * nochange / bantin, 100 * oneedit / bantin))
PY
echo "== search on real text"
search_index_sizes "$WORK/out-bantin"
search_queries "$WORK/out-bantin" "tai nạn giao thông" "tai nan giao thong" "giá xăng" "\"Hà Nội\"" "nghi dinh 46" "Tết Nguyên đán"
