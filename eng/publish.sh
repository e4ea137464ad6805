#!/usr/bin/env bash
# Publishes self-contained single-file executables. The one publish command of the project: CI, the
# Dockerfile and the end-to-end tests all call this script.
#
#   eng/publish.sh [--app gateway|agent|all] [--rid RID]... [--out DIR] [--version VERSION] [--aot]
#
# Defaults: --app all, every release runtime (linux-x64 linux-arm64 win-x64 osx-arm64), --out dist/<rid>,
# --version from $VERSION or "dev". Output: <out>/onprest-gateway[.exe] and <out>/onprest-agent[.exe].
# --aot: the gateway as a native AOT executable instead (Linux only, for the build host's own runtime, which is also
# the default --rid then; the agent is published as always). docs/binaries.md compares the two forms.
set -euo pipefail
cd "$(dirname "$0")/.."

app=all out="" version="${VERSION:-dev}" rids=() aot=false
while [ $# -gt 0 ]; do
  case "$1" in
    --app) app="$2"; shift 2 ;;
    --rid) rids+=("$2"); shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --aot) aot=true; shift ;;
    *) echo "publish: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ "$aot" = true ]; then
  # Native AOT compiles and links with the host's own toolchain: no cross-compiling to another OS or architecture.
  case "$(uname -s)/$(uname -m)" in
    Linux/x86_64) host_rid=linux-x64 ;;
    Linux/aarch64) host_rid=linux-arm64 ;;
    *) echo "publish: --aot builds on Linux x64 or arm64 only" >&2; exit 2 ;;
  esac
  [ ${#rids[@]} -gt 0 ] || rids=("$host_rid")
  for rid in "${rids[@]}"; do
    [ "$rid" = "$host_rid" ] || { echo "publish: --aot builds for this host's runtime ($host_rid) only, not $rid" >&2; exit 2; }
  done
fi
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

# The native AOT gateway: the whole program compiled ahead of time into one executable with no runtime inside, libsodium
# embedded (Onprest.Gateway.csproj). Trimming is implied; the garbage-collector settings are the ones above.
aot_settings=(
  --self-contained true
  -p:PublishAot=true
  # Code optimized for speed rather than size: the start about 8 % shorter for 1.9 MB more (docs/binaries.md).
  -p:OptimizationPreference=Speed
  -p:DebugType=none
  -p:CopyOutputSymbolsToPublishDirectory=false
  -p:ServerGarbageCollection=false
  -p:ConcurrentGarbageCollection=false
)

for rid in "${rids[@]}"; do
  dest="${out:-dist/$rid}"
  for project in "${projects[@]}"; do
    project_settings=("${settings[@]}")
    if [ "$aot" = true ] && [ "$project" = Gateway ]; then project_settings=("${aot_settings[@]}"); fi
    dotnet publish "Onprest.$project/Onprest.$project.csproj" \
      --configuration Release \
      --runtime "$rid" \
      "${project_settings[@]}" \
      -p:OnprestVersion="$version" \
      --output "$dest" \
      --nologo -v quiet
  done
  echo "published ${projects[*]} ($rid, version $version$([ "$aot" = true ] && echo ", native AOT gateway")) to $dest"
done
