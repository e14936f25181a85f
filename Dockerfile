# One image runs any of the five services, the gateway, the embedded platform or the migrations:
#   docker run issuer-platform offer-service | auth-service | credential-service | deferred-service |
#                              session-log-service | gateway | migrate | embedded
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json nx.json tsconfig*.json .swcrc ./
COPY tools ./tools
COPY apps ./apps
COPY libs ./libs
RUN npm install --no-audit --no-fund && npx nx run-many -t build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production DATA_DIR=/data
WORKDIR /app
COPY --from=build /src /app
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN mkdir -p /data /keys && chown node:node /data /keys
# Numeric (the image's `node` user), so Kubernetes can check runAsNonRoot without being told the uid.
USER 1000:1000
EXPOSE 8080
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["embedded"]
