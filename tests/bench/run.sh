#!/bin/sh
# make bench: wall time of a fresh build, a rebuild with no change and a
# rebuild where every page changes, next to the cost of copying the same
# tree (the disk's floor), measured in the same run.  Medians of 5.
set -eu
cd "$(dirname "$0")/../.."
jobs=${JOBS:-$(nproc)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { echo "$1" | awk '{printf "%.1f ms", $1/1e6}'; }
time_it() { # label, command...
	label=$1; shift
	for i in 1 2 3 4 5; do
		[ "$label" = fresh ] && rm -rf "$tmp/out"
		[ "$label" = floor ] && rm -rf "$tmp/copy"
		[ "$label" = changed ] && export SOURCE_DATE_EPOCH=$((1000000000 + i * 86400))
		t0=$(now); "$@" >/dev/null; t1=$(now)
		echo $((t1 - t0))
	done | median
}

./codedoc build -q -j "$jobs" -o "$tmp/out"
files=$(find "$tmp/out" -type f | wc -l)
bytes=$(du -sb "$tmp/out" | cut -f1)
fresh=$(time_it fresh ./codedoc build -q -j "$jobs" -o "$tmp/out")
same=$(time_it same ./codedoc build -q -j "$jobs" -o "$tmp/out")
changed=$(time_it changed ./codedoc build -q -j "$jobs" -o "$tmp/out")
floor=$(time_it floor cp -r "$tmp/out" "$tmp/copy")
echo "codedoc bench: $files files, $bytes bytes, $jobs threads"
echo "  fresh build:        $(ms "$fresh") ($(echo "$fresh $files" | awk '{printf "%.1f", $1/1e3/$2}') us/file)"
echo "  rebuild, no change: $(ms "$same")"
echo "  rebuild, all pages: $(ms "$changed")"
echo "  cp -r of the tree:  $(ms "$floor") (floor)"
