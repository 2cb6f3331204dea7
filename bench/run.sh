#!/usr/bin/env bash
# Import and page benchmarks on the real corpus. Prints plain figures; takes a few minutes on 2 cores.
#
#   bench/run.sh                 everything
#   bench/run.sh import|parse|discussions|cli|web  one part
#
# PostgreSQL: see bench/lib.sh. To compare two revisions of the command, see bench/compare.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=${PATCHREVIEW_BENCH_DIR:-/tmp/patchreview-bench}
messages=${PATCHREVIEW_BENCH_MESSAGES:-52845}
corpus=$root/../shared/corpus
quarter=$corpus/linux-s390-2022q2.mbox.gz
part=${1:-all}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

source bench/lib.sh

mkdir -p "$work"
echo "== build (Release)"
dotnet build bench/PatchReview.Benchmarks -c Release -warnaserror -v q -nologo >/dev/null
dotnet build src/PatchReview.Cli -c Release -warnaserror -v q -nologo >/dev/null
dotnet build src/PatchReview.Web -c Release -warnaserror -v q -nologo >/dev/null
bench() { dotnet bench/PatchReview.Benchmarks/bin/Release/net10.0/PatchReview.Benchmarks.dll "$@"; }
# The command as users install it: published ReadyToRun by scripts/install-cli.sh.
scripts/install-cli.sh "$work/cli" "$work/bin" >/dev/null
cli=$work/bin/patchreview

if [[ $part == all || $part == import ]]; then
	echo "== steady-state import of a $messages-message archive built from $quarter"
	[[ -f $work/quarters-$messages.mbox.gz ]] || bench archive "$quarter" "$work/quarters-$messages.mbox.gz" "$messages"
	imported=$(fresh_pg patchreview_bench)
	bench import Postgres "$imported" "$work/quarters-$messages.mbox.gz"
	echo "== the review pass alone, again over everything that import stored"
	bench review Postgres "$imported"
	# Last: it rewrites every series, which deletes their review documents.
	echo "== the series update alone, again over every thread that import stored, at once"
	bench series Postgres "$imported"
	rm -f "$work"/bench.db*
	bench import Sqlite "Data Source=$work/bench.db" "$work/quarters-$messages.mbox.gz"
fi

if [[ $part == all || $part == parse ]]; then
	echo "== parse and series facts of every message of $quarter, one core, no database"
	bench parse "$quarter" 10 | tail -2
fi

if [[ $part == all || $part == discussions ]]; then
	echo "== review analysis of each corpus archive: quotes, sources, comments on lines, questions"
	bench discussions "$quarter"
	bench discussions "$corpus/zpci-series.mbox.gz"
fi

if [[ $part == all || $part == cli ]]; then
	echo "== whole process: patchreview import linux-s390-2022q2.mbox.gz into an empty database (3 runs each)"
	for run in 1 2 3; do
		cs=$(fresh_pg patchreview_bench)
		Database__Provider=Postgres ConnectionStrings__PatchReview=$cs "$cli" migrate >/dev/null
		echo "postgres run $run: $(Database__Provider=Postgres ConnectionStrings__PatchReview=$cs /usr/bin/time -f 'wall %e s, peak RSS %M KB' "$cli" import "$quarter" 2>&1 >/dev/null | tail -1)"
		echo "postgres re-import run $run: $(Database__Provider=Postgres ConnectionStrings__PatchReview=$cs /usr/bin/time -f 'wall %e s, peak RSS %M KB' "$cli" import "$quarter" 2>&1 >/dev/null | tail -1)"
	done
	# The same over TLS, to measure what it costs in CPU: the local server above is reached without it (see README).
	# Require, so that a server with SSL off fails these runs rather than have them measure a plain connection.
	for run in 1 2 3; do
		cs="$(fresh_pg patchreview_bench);SSL Mode=Require"
		Database__Provider=Postgres ConnectionStrings__PatchReview=$cs "$cli" migrate >/dev/null
		echo "postgres over TLS run $run: $(Database__Provider=Postgres ConnectionStrings__PatchReview=$cs /usr/bin/time -f 'wall %e s, peak RSS %M KB' "$cli" import "$quarter" 2>&1 >/dev/null | tail -1)"
	done
	for run in 1 2 3; do
		rm -f "$work"/cli.db*
		echo "sqlite run $run (includes creating the database): $(ConnectionStrings__PatchReview="Data Source=$work/cli.db" /usr/bin/time -f 'wall %e s, peak RSS %M KB' "$cli" import "$quarter" 2>&1 >/dev/null | tail -1)"
		echo "sqlite re-import run $run: $(ConnectionStrings__PatchReview="Data Source=$work/cli.db" /usr/bin/time -f 'wall %e s, peak RSS %M KB' "$cli" import "$quarter" 2>&1 >/dev/null | tail -1)"
	done
	echo "== whole process: patchreview import of the $messages-message archive into an empty PostgreSQL database"
	[[ -f $work/quarters-$messages.mbox.gz ]] || bench archive "$quarter" "$work/quarters-$messages.mbox.gz" "$messages"
	cs=$(fresh_pg patchreview_bench)
	Database__Provider=Postgres ConnectionStrings__PatchReview=$cs "$cli" migrate >/dev/null
	Database__Provider=Postgres ConnectionStrings__PatchReview=$cs /usr/bin/time -o "$work/cli-time" -f 'wall %e s, peak RSS %M KB' \
		"$cli" import --verbose "$work/quarters-$messages.mbox.gz" >/dev/null 2>"$work/cli-batches"
	echo "postgres: $(cat "$work/cli-time")"
	echo "postgres steady state (after the first tenth): $(steady_rate "$work/cli-batches") msgs/s"
fi

if [[ $part == all || $part == web ]]; then
	echo "== pages under 64 concurrent clients on loopback"
	cs=$(fresh_pg patchreview_bench_web)
	export Database__Provider=Postgres ConnectionStrings__PatchReview=$cs
	"$cli" migrate >/dev/null
	"$cli" import "$corpus/zpci-series.mbox.gz" >/dev/null
	"$cli" import "$quarter" >/dev/null
	port=5199
	(cd src/PatchReview.Web && ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
		exec dotnet bin/Release/net10.0/PatchReview.Web.dll --urls "http://127.0.0.1:$port") >"$work/web.log" 2>&1 &
	web=$!
	trap 'kill $web 2>/dev/null || true' EXIT
	for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
	largest=$(curl -fs "http://127.0.0.1:$port/api/v1/threads?pageSize=500" |
		python3 -c 'import json,sys; t=max(json.load(sys.stdin), key=lambda t: t["messageCount"]); print(t["rootMessageId"]); print(t["messageCount"], t["subject"], file=sys.stderr)')
	encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$largest")
	echo "largest thread: $largest"
	bench load "http://127.0.0.1:$port/api/v1/threads/$encoded" 64 15
	bench load "http://127.0.0.1:$port/t/$encoded" 64 15
	echo "-- the same, every request missing the response cache (rendered from the database each time)"
	bench load "http://127.0.0.1:$port/api/v1/threads/$encoded?n={n}" 64 15
	bench load "http://127.0.0.1:$port/t/$encoded?n={n}" 64 15
	series=$(curl -fs "http://127.0.0.1:$port/api/v1/series?q=enable+zpci+for+interpretive" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
	echo "zPCI series: $series (with linux-s390 2022q2 loaded)"
	bench load "http://127.0.0.1:$port/api/v1/series/$series" 64 15
	bench load "http://127.0.0.1:$port/series/$series" 64 15
	echo "-- the same, every request missing the response cache"
	bench load "http://127.0.0.1:$port/api/v1/series/$series?n={n}" 64 15
	bench load "http://127.0.0.1:$port/series/$series?n={n}" 64 15
	# [PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks, with its review comments under the diff lines.
	hooks=20220426200842.98655-17-mjrosato%40linux.ibm.com
	echo "zPCI v6 16/21 with its comments"
	bench load "http://127.0.0.1:$port/api/v1/patches/$hooks/comments" 64 15
	bench load "http://127.0.0.1:$port/p/$hooks" 64 15
	echo "-- the same, every request missing the response cache"
	bench load "http://127.0.0.1:$port/api/v1/patches/$hooks/comments?n={n}" 64 15
	bench load "http://127.0.0.1:$port/p/$hooks?n={n}" 64 15
	decision=$(curl -fs "http://127.0.0.1:$port/api/v1/series/$series/decisions" |
		python3 -c 'import json,sys; print(next(d["id"] for d in json.load(sys.stdin) if "CONFIG_VFIO_PCI_ZDEV_KVM" in d["identifiers"]))')
	echo "the CONFIG_VFIO_PCI_ZDEV_KVM decision: $decision"
	bench load "http://127.0.0.1:$port/api/v1/decisions/$decision" 64 15
	bench load "http://127.0.0.1:$port/decisions/$decision" 64 15
	echo "-- the same, every request missing the response cache (the decisions are read as the import stored them)"
	bench load "http://127.0.0.1:$port/api/v1/decisions/$decision?n={n}" 64 15
	bench load "http://127.0.0.1:$port/decisions/$decision?n={n}" 64 15
	kill $web
fi
