#!/usr/bin/env bash
# The one command that runs the whole test suite, on a fresh Debian 12 machine with the .NET 10 SDK and git:
#
#   scripts/test.sh                                        every test project
#   scripts/test.sh --filter "FullyQualifiedName~Core"     extra arguments go to `dotnet test`
#
# It installs what the tests need where it is missing (PostgreSQL with a login role, Chromium), builds
# the solution with warnings as errors, runs `dotnet test`, and ends with one line: `N passed, N failed`.
# Safe to run again and again. Run it as root, or as a user who may sudo.
# Set PATCHREVIEW_TEST_POSTGRES to use your own server (tests create their databases from it), or
# PATCHREVIEW_CHROMIUM to use your own browser; the matching setup step is then skipped.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
results=$repo/artifacts/test-results

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 LC_ALL=C.UTF-8 LANG=C.UTF-8
if [[ -n ${CI:-} ]]; then
	# CI waits for the run to end: leave no MSBuild node or compiler server alive behind it.
	export MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false
fi

say() { printf '==> %s\n' "$*"; }
die() {
	printf 'test.sh: %s\n' "$*"
	exit 1
}
# Seconds since $1 (an $EPOCHREALTIME reading), for the step timings.
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f s", b - a }'; }

# Root runs commands directly; anyone else goes through sudo (non-interactive without a terminal, so CI never hangs on a prompt).
if ((EUID == 0)); then
	sudo_cmd=()
elif ! command -v sudo >/dev/null; then
	sudo_cmd=(missing)
elif [[ -t 0 ]]; then
	sudo_cmd=(sudo)
else
	sudo_cmd=(sudo -n)
fi
as_root() {
	[[ ${sudo_cmd[0]:-} != missing ]] || die "Setting up the test machine needs root, and sudo is not installed: run this script as root (step: $*)."
	"${sudo_cmd[@]}" "$@"
}

apt_updated=
apt_install() {
	if [[ -z $apt_updated ]]; then
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
		apt_updated=1
	fi
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" </dev/null
}

# "VERSION PORT STATUS" of the cluster named main, preferring one on port 5432 and then the newest; empty if there is none.
main_cluster() {
	pg_lsclusters -h 2>/dev/null |
		awk '$2 == "main" { print ($3 == 5432 ? 0 : 1), $1, $3, $4 }' |
		sort -k1,1n -k2,2nr | head -n 1 | cut -d' ' -f2-
}

newest_installed_pg_major() {
	local server major newest=
	for server in /usr/lib/postgresql/*/bin/postgres; do
		[[ -x $server ]] || continue
		major=${server#/usr/lib/postgresql/}
		major=${major%%/*}
		if [[ -z $newest ]] || ((major > newest)); then newest=$major; fi
	done
	printf '%s' "$newest"
}

# Prints "t" when the patchreview role can log in over TCP and may create databases.
pg_login_probe() {
	PGPASSWORD=patchreview PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -p "$1" -U patchreview -d postgres -XAtqc \
		"select rolcreatedb from pg_roles where rolname = current_user" </dev/null
}

provision_postgres() {
	local started=$EPOCHREALTIME version port status
	if ! command -v pg_ctlcluster >/dev/null; then
		say "PostgreSQL is not installed: apt-get install postgresql"
		apt_install postgresql
	fi

	read -r version port status < <(main_cluster) || true
	if [[ -z ${version:-} ]]; then
		version=$(newest_installed_pg_major)
		[[ -n $version ]] || die "PostgreSQL's packages are installed but no server binary was found under /usr/lib/postgresql/*/bin."
		say "Creating PostgreSQL $version cluster main on port 5432"
		as_root pg_createcluster "$version" main -p 5432
		read -r version port status < <(main_cluster) || true
		[[ -n ${version:-} ]] || die "pg_createcluster did not create the cluster main; see its output above."
	fi
	# Starting a cluster that is already running exits 2, so start it only when it is down.
	if [[ $status != online* ]]; then
		say "Starting PostgreSQL $version cluster main (port $port)"
		as_root pg_ctlcluster "$version" main start
	fi

	if [[ $(pg_login_probe "$port" 2>/dev/null) != t ]]; then
		say "Creating the login role patchreview (password patchreview, CREATEDB)"
		# psql runs as postgres from /tmp: started from a directory postgres cannot read (/root), it complains.
		(cd /tmp && as_root runuser -u postgres -- psql -p "$port" -X -q -v ON_ERROR_STOP=1 -d postgres) <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'patchreview') THEN
    CREATE ROLE patchreview LOGIN CREATEDB PASSWORD 'patchreview';
  ELSE
    ALTER ROLE patchreview LOGIN CREATEDB PASSWORD 'patchreview';
  END IF;
END $$;
SQL
	fi
	if [[ $(pg_login_probe "$port") != t ]]; then
		die "PostgreSQL $version on 127.0.0.1:$port refuses the TCP login patchreview/patchreview (psql's error is above; the server log is /var/log/postgresql/postgresql-$version-main.log)."
	fi
	export PATCHREVIEW_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=patchreview;Password=patchreview;Database=postgres"
	say "PostgreSQL $version is ready on 127.0.0.1:$port ($(since "$started"))"
}

provision_chromium() {
	local started=$EPOCHREALTIME
	if [[ ! -x /usr/bin/chromium ]]; then
		say "Chromium is not installed: apt-get install chromium (about 150 MB, once per machine)"
		apt_install chromium
	fi
	export PATCHREVIEW_CHROMIUM=/usr/bin/chromium
	say "Chromium is ready: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium) ($(since "$started"))"
}

if [[ -n ${PATCHREVIEW_TEST_POSTGRES:-} ]]; then
	say "Using the PostgreSQL server given in PATCHREVIEW_TEST_POSTGRES; skipping its setup"
else
	provision_postgres
fi
if [[ -n ${PATCHREVIEW_CHROMIUM:-} ]]; then
	[[ -x $PATCHREVIEW_CHROMIUM ]] || die "PATCHREVIEW_CHROMIUM is set to $PATCHREVIEW_CHROMIUM, which is not an executable file."
	say "Using the browser given in PATCHREVIEW_CHROMIUM: $PATCHREVIEW_CHROMIUM"
else
	provision_chromium
fi

started=$EPOCHREALTIME
say "Building PatchReview.sln (Release, warnings as errors)"
if ! dotnet build PatchReview.sln -c Release -warnaserror </dev/null; then
	die "The build of PatchReview.sln failed (warnings count as errors), so no test ran."
fi
say "Built in $(since "$started")"

rm -rf "$results"
mkdir -p "$results"
started=$EPOCHREALTIME
say "Running the tests; one .trx per test project goes to ${results#"$repo"/}"
test_status=0
dotnet test PatchReview.sln -c Release --no-build --logger "trx" --results-directory "$results" "$@" </dev/null || test_status=$?
say "dotnet test took $(since "$started") and exited with $test_status"

# dotnet test prints no "N passed, N failed" line of its own: sum the <Counters .../> of every .trx file.
mapfile -t trx_files < <(find "$results" -name '*.trx' -type f | sort)
read -r passed failed skipped < <(
	for trx in ${trx_files[@]+"${trx_files[@]}"}; do
		tr '\r\n' '  ' <"$trx" | grep -o '<Counters [^>]*>' || true
	done | awk '
		function count(name) {
			if (match($0, " " name "=\"[0-9]+\"")) return substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 4) + 0
			return 0
		}
		{
			passed += count("passed")
			failed += count("failed") + count("error") + count("timeout") + count("aborted")
			# The trx logger counts a skipped test in total but not in executed (its notExecuted stays 0).
			skipped += count("total") - count("executed")
		}
		END { print passed + 0, failed + 0, skipped + 0 }'
)

outcome=0
if ((${#trx_files[@]} == 0)); then
	echo "dotnet test wrote no .trx file to ${results#"$repo"/}, so no test result can be counted."
	outcome=1
elif ((passed + failed == 0)); then
	echo "No test ran: the ${#trx_files[@]} .trx file(s) in ${results#"$repo"/} count zero executed tests."
	outcome=1
fi
if ((failed > 0)); then
	echo "$failed test(s) failed: see the output above, or the .trx files in ${results#"$repo"/}."
	outcome=1
fi
if ((test_status != 0)); then
	echo "dotnet test exited with code $test_status."
	outcome=1
fi
if ((skipped > 0)); then echo "$skipped test(s) skipped."; fi
echo "$passed passed, $failed failed"
exit "$outcome"
