# Afterword on Node + SQLite. Build: docker build -t afterword .
# Run:   docker run -p 8787:8787 -v afterword:/data afterword   (the first start prints the admin token)

# --- build: compile better-sqlite3 and dist/, then keep only the runtime dependencies ---
FROM node:20-alpine AS build
WORKDIR /app
RUN apk add --no-cache python3 make g++
# The repository's .npmrc points node-gyp at /usr (Debian); this image keeps Node's headers in /usr/local.
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY scripts ./scripts
COPY src ./src
COPY public ./public
COPY tsconfig.json ./
# The build also writes public/console.js and public/api/openapi.json (never committed).
RUN npm run build && npm prune --omit=dev
# Only what runs (about 22 MB of the 66 MB the prune leaves; the image stays under 200 MB): better-sqlite3's
# compiled module without its sources and build files, no type-only packages (npm keeps them as drizzle-orm's
# optional peers), no type declarations or source maps.
RUN sqlite=node_modules/better-sqlite3 \
    && mv "$sqlite/build/Release/better_sqlite3.node" "$sqlite/" \
    && rm -rf "$sqlite/build" "$sqlite/deps" "$sqlite/src" \
    && mkdir -p "$sqlite/build/Release" \
    && mv "$sqlite/better_sqlite3.node" "$sqlite/build/Release/" \
    && rm -rf node_modules/@types node_modules/@cloudflare/workers-types \
    && find node_modules -type f \( -name '*.d.ts' -o -name '*.d.cts' -o -name '*.d.mts' -o -name '*.map' \) -delete

# --- runtime: Node, the compiled server, migrations, static files; no compiler, no dev dependencies ---
FROM node:20-alpine
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    DATABASE_PATH=/data/afterword.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
COPY package.json ./
COPY drizzle ./drizzle
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Exec form: node is PID 1 and receives `docker stop`'s SIGTERM itself (it drains, then exits 0).
CMD ["node", "dist/node.js"]
