#!/usr/bin/env bash
# make bench-import: `bantin import` of the 35,373 real articles of ../shared/corpus/vn-news-2017.tar.xz.
#
#   RUNS=3 bash bench/import.sh
#
# The tarball is extracted once into bench/work/import/ (ignored by git). The articles are clean text — a headline,
# then one paragraph a line, no chrome, no dates — so each must come out as a draft (no date) with its title and
# every paragraph; a check after the timed runs reads every written article back and counts those that do not.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
WORK=${IMPORT_WORK:-bench/work/import}
TARBALL=${TARBALL:-../shared/corpus/vn-news-2017.tar.xz}
SRC="$WORK/vn-news-2017"

[ -f "$TARBALL" ] || { echo "$TARBALL is not there: the import benchmark needs the shared corpus" >&2; exit 1; }
if [ ! -d "$SRC" ]; then
  mkdir -p "$WORK"
  echo "extracting $TARBALL into $WORK…" >&2
  tar -xJf "$TARBALL" -C "$WORK"
fi
swift build -c release --product bantin >/dev/null
BANTIN=.build/release/bantin
FILES=$(find "$SRC" -name '*.txt' | wc -l)
MB=$(du -sb "$SRC" | awk '{printf "%.1f", $1 / 1e6}')

# Earlier outputs are moved aside, not deleted: ext4 pays for inodes freed in the last minute when it creates files
# (see bench/run.sh), and that would be measured as import time (a first run right after deleting 100,000 files spent
# 17 s in the kernel instead of 1 s). What the previous invocation set aside is deleted now, a minute before measuring.
TRASH="$WORK/trash"
if [ -d "$TRASH" ] && [ -n "$(ls -A "$TRASH")" ]; then
  echo "deleting the outputs of the previous invocation, then waiting a minute…" >&2
  rm -rf "$TRASH"
  sleep 61
fi
mkdir -p "$TRASH"
# The floor: the same files copied by cp, one process, into a fresh folder.
[ -e "$WORK/copy" ] && mv "$WORK/copy" "$(mktemp -d "$TRASH/XXXXXX")/"
sync
tf=$(mktemp)
/usr/bin/time -o "$tf" -f "%e" cp -r "$SRC" "$WORK/copy"
echo "== disk floor: cp -r of the $FILES files takes $(cat "$tf") s"
rm -f "$tf"
echo "== bantin import: $FILES articles, $MB MB of text, $(nproc) cores, $(date -u +%Y-%m-%d)"
walls=()
for run in $(seq "$RUNS"); do
  [ -e "$WORK/Content" ] && mv "$WORK/Content" "$(mktemp -d "$TRASH/XXXXXX")/"
  rm -f "$WORK/report.txt"
  sync
  tf=$(mktemp)
  /usr/bin/time -o "$tf" -f "%e %U %S %M" "$BANTIN" import "$SRC" --to "$WORK/Content" --report "$WORK/report.txt" >"$WORK/stdout.txt" 2>&1 \
    || { echo "   bantin import failed:" >&2; tail -5 "$WORK/stdout.txt" >&2; exit 1; }
  read -r wall user sys rss <"$tf"
  rm -f "$tf"
  walls+=("$wall")
  printf '   run %d: wall %6.2f s   cpu %6.2f s (user %5.2f, kernel %5.2f)   %5.1f MB/s   max RSS %4d MB\n' \
    "$run" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" "$(echo "$MB / $wall" | bc -l)" "$((rss / 1024))"
done
# Reading and parsing alone (--dry-run writes nothing): the importer's own speed, per CPU second.
tf=$(mktemp)
/usr/bin/time -o "$tf" -f "%e %U %S" "$BANTIN" import "$SRC" --to "$WORK/dry" --dry-run --report /dev/null >/dev/null 2>&1
read -r wall user sys <"$tf"
rm -f "$tf"
printf '   read and parse only (--dry-run): wall %5.2f s   cpu %5.2f s   %5.1f MB per CPU second\n' \
  "$wall" "$(echo "$user + $sys" | bc)" "$(echo "$MB / ($user + $sys)" | bc -l)"
echo "   median wall $(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') s; $(tail -1 "$WORK/stdout.txt")"

# Every article back: its title is the first line, and every other line is in its body (or a field), word for word.
python3 - "$SRC" "$WORK/Content" <<'PY'
import os, re, sys, unicodedata
src, out = sys.argv[1], sys.argv[2]
unesc = re.compile(r'\\([\\*_`\[\]<>#&|~.)+=-])')
by_source, fields = {}, re.compile(r'^(\w+): "(.*)"$')
for root, _, names in os.walk(out):
    for n in names:
        text = open(os.path.join(root, n), encoding='utf-8').read()
        head, _, body = text[4:].partition('\n---\n')
        meta = {}
        for line in head.split('\n'):
            m = fields.match(line)
            if m: meta[m.group(1)] = m.group(2).replace('\\"', '"').replace('\\\\', '\\')
        lines = []
        for para in body.split('\n\n'):
            para = para.strip('\n')
            if para.startswith('## '): para = para[3:]
            elif para.startswith('*') and para.endswith('*') and len(para) > 1: para = para[1:-1]
            lines.append(unesc.sub(r'\1', para))
        meta['__draft'] = 'draft: true' in head.split('\n')
        by_source[os.path.basename(meta['imported_from'])] = (meta, lines)
missing_title = lost = drafts = 0
lost_examples = []
files = sorted(f for f in os.listdir(src) if f.endswith('.txt'))
for f in files:
    text = open(os.path.join(src, f), encoding='utf-8', newline='').read()
    text = unicodedata.normalize('NFC', text)
    raw = [' '.join(l.replace('\u200b', ' ').replace('\ufeff', ' ').split()) for l in re.split(r'\r\n|\r|\n', text)]
    raw = [l for l in raw if l]
    if f not in by_source:
        lost += 1; lost_examples.append((f, 'no article')); continue
    meta, body = by_source[f]
    if meta['__draft'] and 'date' not in meta: drafts += 1
    if not raw: continue
    if meta.get('title') != raw[0]: missing_title += 1
    values = [v for k, v in meta.items() if k not in ('imported_from', '__draft', 'title') and len(v) >= 2]
    # A line read as a field ("Theo Dân trí" → source "Dân trí") counts as kept.
    body_set = set(body)
    gone = [l for l in raw[1:] if l not in body_set and not any(v in l for v in values)]
    if gone:
        lost += 1
        if len(lost_examples) < 5: lost_examples.append((f, gone[0][:100]))
print(f"   check: {len(files)} sources, {len(by_source)} articles written, {len(files) - missing_title} with the first line as title, "
      f"{len(files) - lost} with every line kept (in the text or a field), {drafts} undated drafts")
for f, what in lost_examples: print(f"      {f}: {what}")
PY
