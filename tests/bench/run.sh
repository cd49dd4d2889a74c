#!/bin/sh
# make bench: codedoc beside the floors of its own output and beside Hugo,
# on synthetic databases (tests/bench/gen.py) of N codes x L languages,
# every pair compared.  Medians of $REPS runs (3), all measured in this
# run; the table goes to stdout and to build/bench/results.md.
#
#   fresh        codedoc build -f html into an empty folder
#   floor        the same bytes written to the same paths (floor write)
#   no change    codedoc build again over its own output
#   compare      every output file read and compared (floor compare)
#   Hugo         hugo over the same texts as a site of the same shape
set -eu
cd "$(dirname "$0")/../.."
jobs=${JOBS:-$(nproc)}
reps=${REPS:-3}
sizes=${SIZES:-"64x5 120x10"}
work=build/bench
mkdir -p "$work"
${CC:-cc} -O2 -o "$work/floor" tests/bench/floor.c
floor=$work/floor
hugo=$(command -v hugo || true)
results=$work/results.md

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# field K of the median (by field 1) of lines on stdin
col() { sort -n -k1,1 | awk -v k="$2" '{l[NR]=$0} END {split(l[int((NR+1)/2)], f, " "); print f[k]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "-" }'; }

{
echo "codedoc $(./codedoc --version | cut -d' ' -f2), $jobs threads, $(nproc) cores, medians of $reps;"
echo "$(uname -sr), $(date -u +%Y-%m-%d)"
echo
echo "| pages (N x L) | fresh s (cpu) | us/page | floor s | fresh/floor | no change s | of fresh | compare s | no-change/compare | peak RSS MiB | Hugo s (RSS MiB) | Hugo/codedoc |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} | tee "$results"

for size in $sizes; do
	n=${size%x*}
	l=${size#*x}
	g=$work/gen-$size
	if [ ! -f "$g/po/codedoc.pot" ] || [ tests/bench/gen.py -nt "$g/po/codedoc.pot" ] \
	    || [ codedoc -nt "$g/po/codedoc.pot" ]; then
		rm -rf "$g"
		/usr/bin/python3 tests/bench/gen.py --codes "$n" --langs "$l" ${hugo:+--hugo} "$g"
	fi
	build="./codedoc build -q -j $jobs -f html -d $g/data -p $g/po"
	: > "$work/fresh" ; : > "$work/same"; : > "$work/wfloor"; : > "$work/cfloor"; : > "$work/hugo"
	# Each timed step starts with the disk's write-back done (sync), so
	# that one step does not pay for the dirty pages of the one before.
	for r in $(seq "$reps"); do
		rm -rf "$g/out" "$g/copy" "$g/hugo-out"; sync
		$floor run $build -o "$g/out" >> "$work/fresh"; sync
		$floor run $build -o "$g/out" >> "$work/same"; sync
		$floor write "$g/out/html" "$g/copy" >> "$work/wfloor"; sync
		$floor compare "$g/out/html" "$g/copy" >> "$work/cfloor"; sync
		if [ -n "$hugo" ]; then
			$floor run "$hugo" --quiet -s "$g/hugo" -d "$(pwd)/$g/hugo-out" >> "$work/hugo"
			sync
		fi
	done
	pages=$(find "$g/out/html" -type f | wc -l)
	fresh=$(col < "$work/fresh" x 1); fcpu=$(col < "$work/fresh" x 2)
	rss=$(col < "$work/fresh" x 3 | awk '{printf "%.0f", $1/1024}')
	same=$(col < "$work/same" x 1)
	wf=$(col < "$work/wfloor" x 1)
	cf=$(col < "$work/cfloor" x 1)
	if [ -n "$hugo" ]; then
		hs=$(col < "$work/hugo" x 1)
		hr=$(col < "$work/hugo" x 3 | awk '{printf "%.0f", $1/1024}')
		hcol="$hs ($hr)"
		hrat=$(ratio "$hs" "$fresh")
	else
		hcol="not installed"
		hrat="-"
	fi
	us=$(awk -v t="$fresh" -v p="$pages" 'BEGIN { printf "%.0f", t * 1e6 / p }')
	echo "| $pages ($n x $l) | $fresh ($fcpu) | $us | $wf | $(ratio "$fresh" "$wf") | $same | $(pct "$same" "$fresh") | $cf | $(ratio "$same" "$cf") | $rss | $hcol | $hrat |" | tee -a "$results"
done
echo | tee -a "$results"
echo "Targets: fresh/floor <= 1.5, no change <= 10 % of fresh and <= 2 x compare, peak RSS <= 64 MiB." | tee -a "$results"
