# syntax=docker/dockerfile:1
# One image definition for both programs:
#   docker build --build-arg TARGET=gateway -t onprest-gateway .
#   docker build --build-arg TARGET=agent   -t onprest-agent .
# Optional: --build-arg VERSION=1.2.3 (default dev).
ARG TARGET=gateway

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGET
ARG VERSION=dev
ARG TARGETARCH
WORKDIR /src
COPY . .
# The same publish script CI runs; the runtime id follows the image's architecture.
RUN case "$TARGET" in gateway|agent) ;; *) echo "TARGET must be gateway or agent" >&2; exit 1 ;; esac \
 && case "$TARGETARCH" in arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac \
 && ./eng/publish.sh --app "$TARGET" --rid "$rid" --out /out --version "$VERSION" \
 && mkdir /app \
 && mv "/out/onprest-$TARGET" /app/onprest

# Minimal non-root runtime (no shell, no package manager); "extra" carries ICU and time zones for the drivers.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra AS runtime
# Native libraries of the single-file bundle are extracted here at start.
ENV DOTNET_BUNDLE_EXTRACT_BASE_DIR=/tmp
# /app is owned by the runtime user: the agent writes its detail and diagnostic logs beside the executable.
COPY --from=build --chown=1654:1654 /app /app
WORKDIR /app
USER 1654
ENTRYPOINT ["/app/onprest"]

FROM runtime AS gateway
ENV GATEWAY_ADDR=:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=6s --start-period=5s --retries=3 CMD ["/app/onprest", "healthcheck"]

FROM runtime AS agent

FROM ${TARGET} AS final
