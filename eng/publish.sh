#!/usr/bin/env bash
# Publishes self-contained single-file executables. The one publish command of the project: CI, the
# Dockerfile and the end-to-end tests all call this script.
#
#   eng/publish.sh [--app gateway|agent|all] [--rid RID]... [--out DIR] [--version VERSION]
#
# Defaults: --app all, every release runtime (linux-x64 linux-arm64 win-x64 osx-arm64), --out dist/<rid>,
# --version from $VERSION or "dev". Output: <out>/onprest-gateway[.exe] and <out>/onprest-agent[.exe].
set -euo pipefail
cd "$(dirname "$0")/.."

app=all out="" version="${VERSION:-dev}" rids=()
while [ $# -gt 0 ]; do
  case "$1" in
    --app) app="$2"; shift 2 ;;
    --rid) rids+=("$2"); shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    *) echo "publish: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64 win-x64 osx-arm64)
case "$app" in
  all) projects=(Gateway Agent) ;;
  gateway) projects=(Gateway) ;;
  agent) projects=(Agent) ;;
  *) echo "publish: --app must be gateway, agent or all" >&2; exit 2 ;;
esac

for rid in "${rids[@]}"; do
  dest="${out:-dist/$rid}"
  for project in "${projects[@]}"; do
    dotnet publish "Onprest.$project/Onprest.$project.csproj" \
      --configuration Release \
      --runtime "$rid" \
      --self-contained true \
      -p:PublishSingleFile=true \
      -p:IncludeNativeLibrariesForSelfExtract=true \
      -p:DebugType=none \
      -p:OnprestVersion="$version" \
      --output "$dest" \
      --nologo -v quiet
  done
  echo "published ${projects[*]} ($rid, version $version) to $dest"
done
