#!/usr/bin/env bash
# Compares two revisions of the installed command, run by run, on the same machine:
#
#   bench/compare.sh OLD NEW [quarter|archive] [PAIRS]
#
# OLD and NEW are git revisions (HEAD~1, a tag, a commit); each is installed as users install it
# (scripts/install-cli.sh) from a checkout of its own. Then the two import alternately, OLD first, each into an
# empty PostgreSQL database, PAIRS times (10 for quarter, 3 for archive):
#   quarter  the whole process on linux-s390-2022q2.mbox.gz: wall and CPU seconds, peak RSS;
#   archive  the benchmark archive (bench/run.sh import builds it): wall, steady state, peak RSS.
#
# A virtual machine's speed can drift by a tenth within minutes, so runs far apart compare badly; alternate runs
# compare well. The summary says in how many pairs NEW was faster and by how much, the median of the pairs.
# PostgreSQL: see bench/lib.sh.
set -euo pipefail
# A run that fails stops the comparison rather than give figures for it.
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
root=$PWD
work=${PATCHREVIEW_BENCH_DIR:-/tmp/patchreview-bench}
messages=${PATCHREVIEW_BENCH_MESSAGES:-52845}
quarter=$root/../shared/corpus/linux-s390-2022q2.mbox.gz
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source bench/lib.sh

if [[ $# -lt 2 || ! ${3:-quarter} =~ ^(quarter|archive)$ ]]; then
	echo "usage: bench/compare.sh OLD NEW [quarter|archive] [PAIRS]" >&2
	exit 2
fi
old=$(git rev-parse --short "$1^{commit}")
new=$(git rev-parse --short "$2^{commit}")
what=${3:-quarter}
pairs=${4:-$([[ $what == quarter ]] && echo 10 || echo 3)}
mkdir -p "$work"

# Installs a revision once; a later comparison of the same revision reuses it.
install() {
	local revision=$1 checkout=$work/compare-$1
	if [[ ! -x $work/compare-$revision-bin/patchreview ]]; then
		echo "== installing $revision" >&2
		git worktree remove --force "$checkout" 2>/dev/null || true
		git worktree add --quiet --detach "$checkout" "$revision"
		(cd "$checkout" && scripts/install-cli.sh "$work/compare-$revision-cli" "$work/compare-$revision-bin" >/dev/null)
		git worktree remove --force "$checkout"
	fi
	echo "$work/compare-$revision-bin/patchreview"
}
old_cli=$(install "$old")
new_cli=$(install "$new")

if [[ $what == archive ]]; then
	input=$work/quarters-$messages.mbox.gz
	if [[ ! -f $input ]]; then
		dotnet build bench/PatchReview.Benchmarks -c Release -warnaserror -v q -nologo >/dev/null
		dotnet bench/PatchReview.Benchmarks/bin/Release/net10.0/PatchReview.Benchmarks.dll archive "$quarter" "$input" "$messages"
	fi
else
	input=$quarter
fi

# One import into an empty database; prints "wall cpu rss steady" (steady only for the archive).
run() {
	local cli=$1 cs
	cs=$(fresh_pg patchreview_compare)
	Database__Provider=Postgres ConnectionStrings__PatchReview=$cs "$cli" migrate >/dev/null
	sync
	Database__Provider=Postgres ConnectionStrings__PatchReview=$cs /usr/bin/time -o "$work/compare-time" -f '%e %U %S %M' \
		"$cli" import --verbose "$input" >/dev/null 2>"$work/compare-batches"
	read -r wall user system rss <"$work/compare-time"
	echo "$wall $(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }') $((rss / 1024)) $([[ $what == archive ]] && steady_rate "$work/compare-batches" || echo -)"
}

echo "== $what: $old (old) against $new (new), $pairs pairs, alternating"
results=$work/compare-results
: >"$results"
for pair in $(seq 1 "$pairs"); do
	read -r old_wall old_cpu old_rss old_steady <<<"$(run "$old_cli")"
	read -r new_wall new_cpu new_rss new_steady <<<"$(run "$new_cli")"
	echo "$pair $old_wall $new_wall $old_cpu $new_cpu $old_rss $new_rss $old_steady $new_steady" >>"$results"
	if [[ $what == archive ]]; then
		echo "pair $pair: steady state $old_steady / $new_steady msgs/s, wall $old_wall / $new_wall s, peak RSS $old_rss / $new_rss MB"
	else
		echo "pair $pair: wall $old_wall / $new_wall s, CPU $old_cpu / $new_cpu s, peak RSS $old_rss / $new_rss MB"
	fi
done

# The median of the numbers on standard input, printed with the format given (seconds by default).
median() { sort -g | awk -v format="${1:-%.2f}" '{ v[NR] = $1 } END { printf format, NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
if [[ $what == archive ]]; then
	# Higher is better: the steady state.
	faster=$(awk '$9 > $8' "$results" | wc -l)
	echo "new faster in $faster of $pairs pairs; steady state median old $(awk '{ print $8 }' "$results" | median %.0f), new $(awk '{ print $9 }' "$results" | median %.0f) msgs/s; median difference within a pair $(awk '{ print $9 - $8 }' "$results" | median %.0f) msgs/s"
else
	faster=$(awk '$3 < $2' "$results" | wc -l)
	echo "new faster in $faster of $pairs pairs; wall median old $(awk '{ print $2 }' "$results" | median) s, new $(awk '{ print $3 }' "$results" | median) s; median difference within a pair $(awk '{ print $3 - $2 }' "$results" | median) s"
	echo "runs under 2 s: old $(awk '$2 < 2' "$results" | wc -l), new $(awk '$3 < 2' "$results" | wc -l) of $pairs"
fi
