#!/usr/bin/env bash
# A sequence of edits on a copy of a generated archive, each built with the cache and compared with a build
# without it (diff -r): a body edit, a title edit, a date moved to another year, an article deleted, one added, one
# renamed, two bodies edited in one build, no change, pages of the output changed and deleted by hand.
#
#   bash bench/cache-verify.sh BINARY [SITE]      # SITE defaults to bench/work/10000
set -euo pipefail
cd "$(dirname "$0")/.."
B=$1
W=$(mktemp -d "${TMPDIR:-/tmp}/bantin-cache-verify.XXXXXX")
trap 'rm -rf "$W"' EXIT
cp -r "${2:-bench/work/10000}/bantin" "$W/site"
S=$W/site; O=$W/out; C=$W/cache
"$B" build --site "$S" --output "$O" --cache "$C" --quiet
files=$(find "$S/Content" -name '*.md' | sort)
f() { echo "$files" | sed -n "$1p"; }
failed=0
step() {
  "$B" build --site "$S" --output "$O" --cache "$C" 2>&1 | tail -1
  rm -rf "$W/full"; "$B" build --site "$S" --output "$W/full" --no-cache --quiet
  if diff -r "$O" "$W/full" >/dev/null; then echo "   identical after: $1"; else echo "   DIFFERS after: $1"; diff -rq "$O" "$W/full" | head -5; failed=1; fi
}
printf '\nMột câu thêm vào.\n' >>"$(f 100)"; step "body edit"
sed -i '0,/^title: "/s//title: "Sửa tiêu đề: /' "$(f 200)"; step "title edit"
sed -i '0,/^date: 20[0-9][0-9]/s//date: 2023/' "$(f 300)"; step "date moved to 2023"
rm "$(f 400)"; step "article deleted"
mkdir -p "$S/Content/2024/12"; sed 's/^title: "/title: "Bài mới: /' "$(f 500)" >"$S/Content/2024/12/bai-moi.md"; step "article added"
mv "$(f 600)" "$S/Content/2024/12/doi-ten.md"; step "article renamed"
printf '\nThêm lần nữa.\n' >>"$(f 100)"; printf '\nVà một bài khác.\n' >>"$(f 700)"; step "two body edits"
step "no change"
page=$(find "$O" -path '*/index.html' | sort | sed -n 5000p)
echo '<!-- sửa tay -->' >>"$page"; rm "$(find "$O" -path '*/index.html' | sort | sed -n 9000p)"; rm -f "$O/atom.xml" "$O/search/meta.json"
step "pages changed and deleted by hand in the output"
ls -l "$C"
exit $failed
