#!/usr/bin/env bash
# Builds with the cache, two binaries side by side, run by run alternating which goes first: cold (saving the
# cache), no change, one body edit (a sentence appended), one title edit (which moves the article's URL and changes
# list pages). Prints every run's wall, user and sys seconds and max RSS, then medians per binary and case, and
# checks each binary's cached output against its own build without the cache.
#
#   bash bench/cache-edit.sh BEFORE_BINARY AFTER_BINARY [SITE] [RUNS]
#   COLD=1 bash bench/cache-edit.sh …      # one cold run each, then RUNS rounds of the rest
#
# SITE defaults to bench/work/10000 (python3 bench/generate.py 10000 bench/work/10000 --no-hugo). Edited articles
# are restored at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1; B=$2
SITE=${3:-bench/work/10000}
RUNS=${4:-5}
COLD=${COLD:-$RUNS}  # cold runs (each a full build per binary)
EDITED=""
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bantin-cache-edit.XXXXXX")
LOG=$WORK/times
trap 'for f in $EDITED; do [ -f "$f.orig" ] && mv "$f.orig" "$f"; done; rm -rf "$WORK"' EXIT

run() { # run LABEL CASE BINARY: one cached build, its figures appended to $LOG
  local label=$1 case=$2 bin=$3 tf
  tf=$(mktemp)
  /usr/bin/time -o "$tf" -f "%e %U %S %M" "$bin" build --site "$SITE/bantin" --output "$WORK/out-$label" --cache "$WORK/cache-$label" --quiet
  echo "$label $case $(cat "$tf")" >>"$LOG"
  rm -f "$tf"
}
pair() { # pair CASE ROUND: both binaries, the first alternating with the round
  if [ $(($2 % 2)) -eq 0 ]; then run before "$1" "$A"; run after "$1" "$B"; else run after "$1" "$B"; run before "$1" "$A"; fi
}

EDITED=$(find "$SITE/bantin/Content" -name '*.md' | sort | awk 'NR % 499 == 7' | head -n $((2 * RUNS)))
for f in $EDITED; do cp "$f" "$f.orig"; done
for r in $(seq "$COLD"); do
  rm -rf "$WORK"/out-* "$WORK"/cache-*
  pair cold "$r"
done
for r in $(seq "$RUNS"); do
  pair nochange "$r"
  body=$(echo "$EDITED" | sed -n "${r}p")
  printf '\nMột đoạn bổ sung để đo.\n' >>"$body"
  pair body "$r"
  title=$(echo "$EDITED" | sed -n "$((RUNS + r))p")
  sed -i '0,/^title: "/s//title: "Sửa: /' "$title"
  pair title "$r"
done
echo "== every run (label case wall user sys maxRSS-KB)"
cat "$LOG"
echo "== medians: wall, user+sys CPU, max RSS"
python3 - "$LOG" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
for case in ["cold", "nochange", "body", "title"]:
    for label in ["before", "after"]:
        r = [x for x in rows if x[0] == label and x[1] == case]
        if not r: continue
        wall = st.median(float(x[2]) for x in r)
        cpu = st.median(float(x[3]) + float(x[4]) for x in r)
        user = st.median(float(x[3]) for x in r); sys_ = st.median(float(x[4]) for x in r)
        rss = st.median(int(x[5]) for x in r) / 1024
        print(f"{case:9} {label:6} wall {wall:6.2f} s  cpu {cpu:6.2f} s (user {user:.2f}, sys {sys_:.2f})  max RSS {rss:5.0f} MB  ({len(r)} runs)")
PY
for label in before after; do
  bin=$A; [ "$label" = after ] && bin=$B
  "$bin" build --site "$SITE/bantin" --output "$WORK/full-$label" --no-cache --quiet
  if diff -r "$WORK/out-$label" "$WORK/full-$label" >/dev/null; then echo "$label: cached output identical to its --no-cache build"; else echo "$label: WARNING: cached output differs from its --no-cache build"; fi
done
if diff -r "$WORK/full-before" "$WORK/full-after" >/dev/null; then echo "before and after --no-cache outputs are byte-identical"; else echo "WARNING: before and after outputs differ"; fi
