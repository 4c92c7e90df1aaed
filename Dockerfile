# syntax=docker/dockerfile:1
# One image recipe for every connector in the monorepo:
#   docker build --build-arg CONNECTOR=source-upbit-candles \
#     --build-arg NAME=<metadata data.dockerRepository> --build-arg VERSION=<metadata data.dockerImageTag> .
# scripts/ci-images.sh and .github/workflows/*.yml pass NAME/VERSION read from metadata.yaml.
# The base is node:24-bookworm-slim pinned by digest (24.18.0, multi-arch index): bump the digest,
# not the tag (see docs/release.md#base-image). Debian slim keeps /bin/sh, which Airbyte's
# `sh -c "$AIRBYTE_ENTRYPOINT ..."` launcher needs.
ARG BASE_IMAGE=node:24-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d

FROM ${BASE_IMAGE} AS build
ARG CONNECTOR
WORKDIR /repo
ENV npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
COPY package.json package-lock.json tsconfig.base.json ./
COPY packages/connector-common/package.json packages/connector-common/
COPY packages/${CONNECTOR}/package.json packages/${CONNECTOR}/
# Root devDependencies hold the compiler (typescript, @types/node); other workspaces are not in the context.
RUN if [ -z "${CONNECTOR}" ]; then echo "--build-arg CONNECTOR=<packages/ folder name> is required" >&2; exit 1; fi; \
    npm ci --include-workspace-root -w packages/connector-common -w "packages/${CONNECTOR}" --ignore-scripts
COPY packages/connector-common packages/connector-common
COPY packages/${CONNECTOR} packages/${CONNECTOR}
# Compile the connector (tsc -b follows its reference to connector-common), then stage only what ships.
RUN set -e; npx tsc -b "packages/${CONNECTOR}"; \
    for p in connector-common "${CONNECTOR}"; do \
      mkdir -p "/out/packages/$p"; cp "packages/$p/package.json" "/out/packages/$p/"; \
      for d in bin lib resources; do if [ -d "packages/$p/$d" ]; then cp -R "packages/$p/$d" "/out/packages/$p/"; fi; done; \
    done; \
    find /out -name '*.tsbuildinfo' -delete; \
    if [ ! -x "/out/packages/${CONNECTOR}/bin/main" ]; then echo "packages/${CONNECTOR}/bin/main must exist and be executable" >&2; exit 1; fi

FROM ${BASE_IMAGE} AS app
ARG CONNECTOR
ARG NAME
ARG VERSION
WORKDIR /repo
ENV npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
COPY package.json package-lock.json ./
COPY packages/connector-common/package.json packages/connector-common/
COPY packages/${CONNECTOR}/package.json packages/${CONNECTOR}/
# Production dependencies of this connector (and of connector-common through the workspace link) only.
# The warehouse drivers of market-share (DuckDB, pg, BigQuery) are connector-common's optional
# dependencies: no connector loads them, so the image leaves them out.
RUN npm ci --omit=dev --omit=optional -w "packages/${CONNECTOR}" --ignore-scripts && npm cache clean --force
COPY --from=build /out/ ./
# A fixed path lets ENTRYPOINT (which cannot expand build args) name any connector.
RUN if [ -z "${NAME}" ] || [ -z "${VERSION}" ]; then \
      echo "--build-arg NAME=<dockerRepository> and VERSION=<dockerImageTag> are required" >&2; exit 1; \
    fi; \
    ln -s "packages/${CONNECTOR}/bin/main" /repo/main

FROM ${BASE_IMAGE}
ARG NAME
ARG VERSION
ENV NODE_ENV=production
# The read path's memory (docs/performance.md): a smaller young generation and a capped old one
# keep a backfill's peak RSS near 140 MB instead of ~350 MB, for about 5% more CPU. A read's live
# heap is about 35 MB (bounded by the pages in flight). `npm run bench` uses these same options.
ENV NODE_OPTIONS="--max-semi-space-size=4 --max-old-space-size=160"
COPY --from=app /repo /home/node/airbyte
WORKDIR /home/node/airbyte
# Labels are environment-neutral (X.Y.Z, not the dev tag) so a dev image can be promoted by digest.
LABEL io.airbyte.name="${NAME}" io.airbyte.version="${VERSION}"
# Airbyte's launcher ignores ENTRYPOINT and runs `sh -c "$AIRBYTE_ENTRYPOINT <op> ..."`: both must agree.
ENV AIRBYTE_ENTRYPOINT="/home/node/airbyte/main"
ENTRYPOINT ["/home/node/airbyte/main"]
# uid 1000 is the `node` user: Airbyte's rootless pods run as 1000:1000 with runAsNonRoot (numeric = verifiable).
USER 1000
