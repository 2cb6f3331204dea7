# Shared by the benchmark scripts: the PostgreSQL server they use, and fresh databases on it.
#
# PostgreSQL: PATCHREVIEW_BENCH_POSTGRES (a role that may CREATE DATABASE), by default the server that
# scripts/test.sh provisions. Run scripts/test.sh once on a new machine, or point the variable at your own.
server=${PATCHREVIEW_BENCH_POSTGRES:-Host=127.0.0.1;Port=5432;Username=patchreview;Password=patchreview;Database=postgres}

pg_field() { tr ';' '\n' <<<"$server" | awk -F= -v k="$1" 'tolower($1)==tolower(k) { print $2 }'; }
psql_server() {
	PGPASSWORD=$(pg_field Password) psql -q -v ON_ERROR_STOP=1 -h "$(pg_field Host)" -p "$(pg_field Port)" -U "$(pg_field Username)" -d postgres "$@"
}
# After a large import autovacuum may still hold the database; it cannot be forced out by a non-superuser, so wait.
fresh_pg() {
	local try
	for try in $(seq 1 60); do
		psql_server -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" 2>/dev/null && break
		sleep 1
	done
	psql_server -c "CREATE DATABASE $1" >/dev/null
	echo "${server/Database=postgres/Database=$1}"
}

# The steady rate of an import from its --verbose batch lines ("12.34 s: <path>: read 20000, ..."): messages read
# after the first tenth, over the seconds they took, as the import benchmark measures it.
steady_rate() {
	awk '/ s: .*: read / {
		for (i = 1; i <= NF; i++) if ($i == "read") { read[n] = $(i + 1) + 0 }
		seconds[n++] = $1 }
		END { for (i = 0; i < n; i++) if (read[i] >= read[n - 1] / 10) break
		printf "%.0f", (read[n - 1] - read[i]) / (seconds[n - 1] - seconds[i]) }' "$1"
}
