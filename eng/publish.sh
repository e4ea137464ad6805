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

# The build settings, all of them here (docs/binaries.md has the measurements, the trade-offs and what was rejected).
# Each project file adds only its own list of assemblies left out of ReadyToRun.
settings=(
  # One executable with its own runtime: the hosts need no .NET.
  --self-contained true
  -p:PublishSingleFile=true
  # The native libraries (libsodium, SQLite, the SQL Server network layer) travel inside the one file and are
  # unpacked once, into DOTNET_BUNDLE_EXTRACT_BASE_DIR, at the first start.
  -p:IncludeNativeLibrariesForSelfExtract=true
  -p:DebugType=none
  # Keep only the framework and library code the program can reach: most of the size (the whole ASP.NET Core
  # framework was shipped before, the agent included). Every trim warning fails the publish (TreatWarningsAsErrors).
  -p:PublishTrimmed=true
  -p:TrimMode=full
  # Trimming drops the framework's precompiled code, so the start would compile everything just in time (seconds):
  # ReadyToRun precompiles it again, assembly by assembly (a composite image starts a little faster but makes the
  # gateway 62 MB instead of 39).
  -p:PublishReadyToRun=true
  -p:PublishReadyToRunComposite=false
  # Workstation, non-concurrent garbage collection: one small heap and no background GC thread instead of a heap
  # per core, for less resident memory; neither program allocates enough per call to need more.
  -p:ServerGarbageCollection=false
  -p:ConcurrentGarbageCollection=false
)

for rid in "${rids[@]}"; do
  dest="${out:-dist/$rid}"
  for project in "${projects[@]}"; do
    dotnet publish "Onprest.$project/Onprest.$project.csproj" \
      --configuration Release \
      --runtime "$rid" \
      "${settings[@]}" \
      -p:OnprestVersion="$version" \
      --output "$dest" \
      --nologo -v quiet
  done
  echo "published ${projects[*]} ($rid, version $version) to $dest"
done
