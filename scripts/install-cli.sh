#!/usr/bin/env bash
# Installs the `patchreview` command, compiled ahead of time (ReadyToRun) so that each run starts at once:
#
#   scripts/install-cli.sh                 into ~/.local/lib/patchreview, linked from ~/.local/bin/patchreview
#   scripts/install-cli.sh /opt/patchreview /usr/local/bin
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

target=${1:-$HOME/.local/lib/patchreview}
bin=${2:-$HOME/.local/bin}
case $(uname -m) in
x86_64) rid=linux-x64 ;;
aarch64 | arm64) rid=linux-arm64 ;;
*) rid=$(dotnet --info | awk '/RID:/ { print $2; exit }') ;;
esac

dotnet publish src/PatchReview.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$target" -v q -nologo
mkdir -p "$bin"
ln -sfn "$target/patchreview" "$bin/patchreview"
echo "patchreview installed: $bin/patchreview -> $target/patchreview"
