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
COPY scripts/package.json scripts/tsconfig.json scripts/
COPY packages/connector-common/package.json packages/connector-common/
COPY packages/${CONNECTOR}/package.json packages/${CONNECTOR}/
# The root's devDependencies hold the compiler and esbuild; scripts/ holds the bundler.
RUN if [ -z "${CONNECTOR}" ]; then echo "--build-arg CONNECTOR=<packages/ folder name> is required" >&2; exit 1; fi; \
    npm ci --include-workspace-root -w scripts -w packages/connector-common -w "packages/${CONNECTOR}" \
      --ignore-scripts
COPY scripts/src scripts/src
COPY packages/connector-common packages/connector-common
COPY packages/${CONNECTOR} packages/${CONNECTOR}
# One file: bin/main and everything it reaches, bundled from the TypeScript sources
# (scripts/src/bundle). The metafile beside it is what the release plan compares with a diff.
RUN set -e; npx tsc -b scripts; node scripts/lib/bundle/cli.js "${CONNECTOR}"; \
    head -c 19 "packages/${CONNECTOR}/dist/main.js" | grep -q '^#!/usr/bin/env node' \
      || { echo "packages/${CONNECTOR}/bin/main must start with #!/usr/bin/env node" >&2; exit 1; }

FROM ${BASE_IMAGE}
ARG CONNECTOR
ARG NAME
ARG VERSION
RUN if [ -z "${NAME}" ] || [ -z "${VERSION}" ]; then \
      echo "--build-arg NAME=<dockerRepository> and VERSION=<dockerImageTag> are required" >&2; exit 1; \
    fi
ENV NODE_ENV=production
# The bundle is the whole connector: Node's built-ins are all it requires. Nothing else ships
# (no node_modules, no npm cache, no other workspace). A fixed path lets ENTRYPOINT (which
# cannot expand build args) name any connector.
COPY --from=build --chmod=755 /repo/packages/${CONNECTOR}/dist/main.js /home/node/airbyte/main
# The read path's memory (docs/performance.md): a smaller young generation and a capped old one
# keep a backfill's peak RSS near 140 MB instead of ~350 MB, for about 5% more CPU. A read's live
# heap is about 35 MB (bounded by the pages in flight). `npm run bench` uses these same options.
ENV NODE_OPTIONS="--max-semi-space-size=4 --max-old-space-size=160"
WORKDIR /home/node/airbyte
# Labels are environment-neutral (X.Y.Z, not the dev tag) so a dev image can be promoted by digest.
LABEL io.airbyte.name="${NAME}" io.airbyte.version="${VERSION}"
# Airbyte's launcher ignores ENTRYPOINT and runs `sh -c "$AIRBYTE_ENTRYPOINT <op> ..."`: both must agree.
ENV AIRBYTE_ENTRYPOINT="/home/node/airbyte/main"
ENTRYPOINT ["/home/node/airbyte/main"]
# uid 1000 is the `node` user: Airbyte's rootless pods run as 1000:1000 with runAsNonRoot (numeric = verifiable).
USER 1000
