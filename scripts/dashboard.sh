#!/usr/bin/env bash
# Run the dashboard locally on the embedded SQLite database, with the shipped sample series imported:
#
#   scripts/dashboard.sh                                   then open http://127.0.0.1:5080
#   PATCHREVIEW_URL=http://127.0.0.1:8000 scripts/dashboard.sh
#
# Re-running it imports nothing new (the import is idempotent on Message-ID). Ctrl+C stops the server.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

url=${PATCHREVIEW_URL:-http://127.0.0.1:5080}
sample=samples/zpci-series.mbox.gz
if [[ ! -f $sample ]]; then
	echo "dashboard.sh: the sample archive $sample is missing from this checkout." >&2
	exit 1
fi

echo "==> Importing $sample"
dotnet run --project src/PatchReview.Cli -c Release -- import "$sample"

echo "==> PatchReview dashboard: $url (Ctrl+C to stop)"
# Development, because only there does the build output (not a publish) serve Blazor's static assets.
# The content root is the working directory, so start from the project folder.
cd src/PatchReview.Web
ASPNETCORE_ENVIRONMENT=Development exec dotnet run -c Release --no-launch-profile --urls "$url"
