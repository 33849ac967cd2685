# callback-enricher worker image: build with the full toolchain, run on a slim Node LTS as a
# non-root user with production dependencies only.
#   docker build -t callback-enricher .
#   docker run --rm -e KAFKA_BROKERS=… -e SCHEMA_REGISTRY_URL=… -p 8080:8080 callback-enricher
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
# Sources are not copied yet, so `prepare` (the build) is skipped here and run explicitly below;
# the project's fixes to its dependencies (patches/, e.g. KafkaJS's producer) are applied by hand
# for the same reason, and survive the prune.
RUN npm ci --ignore-scripts --no-audit --no-fund && npx patch-package --error-on-fail
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY avro ./avro
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
COPY --chown=root:root avro ./avro
COPY --chown=root:root bin ./bin
# The files belong to root and are read-only for the user that runs the worker.
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# exec form: node is PID 1 and receives SIGTERM directly, so `docker stop` is a graceful shutdown.
ENTRYPOINT ["node", "bin/callback-enricher.js"]
CMD ["worker"]
