# meetbot for configured deployments (Teams/Slack/Graph credentials in the environment).
# The image listens on 0.0.0.0, which meetbot allows only with MICROSOFT_APP_ID set: inbound Teams requests
# must be authenticated. Other machines then reach /api/messages, /slack/events, /api/graph/notifications and the
# operations endpoints only; the playground, local Graph and join pages stay loopback-only unless
# MEETBOT_LOCAL_EXPOSE=true with MEETBOT_LOCAL_TOKEN. For local use without credentials run `npm start` instead.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
RUN npm run build
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    MEETBOT_DB=/data/meetbot.db
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The playground's static page is not compiled; it sits next to the compiled playground code.
COPY --from=build /app/adapters/playground/public ./dist/adapters/playground/public
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/adapters/cli.js", "serve"]
