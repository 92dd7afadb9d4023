# syntax=docker/dockerfile:1

# --- build: compile TypeScript with the full dependency set ----------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- dev: the compose demo profile's fakes (Director and external system), run from source with tsx -------
FROM build AS dev
COPY test/fakes ./test/fakes
COPY scripts ./scripts
USER node
EXPOSE 4000 4001
CMD ["node", "--import", "tsx", "scripts/fakes.ts"]

# --- runtime: production dependencies and compiled code only (the default target) ------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
# 8080: intake API (PORT). 9091: worker metrics and health (WORKER_METRICS_PORT).
EXPOSE 8080 9091
# The API by default; workers run the same image with `node dist/processors/worker.js`. Node is PID 1 and
# handles SIGTERM itself (src/shutdown.ts), so no init wrapper is needed.
CMD ["node", "dist/api/server.js"]
