# syntax=docker/dockerfile:1
# Node 22 LTS (maintained until April 2027; Node 20 reached end of life in April 2026). package.json's
# engines asks for Node >= 22, as do planbot's dependencies (content-type, via Octokit).

# --- build: compile TypeScript with the full toolchain -------------------------------------
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- runtime: production dependencies and compiled output only -----------------------------
FROM node:22-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# tini -g delivers `docker stop`'s SIGTERM to the whole process group: npm does not pass signals on
# to the script it runs, and planbot needs the signal for its graceful shutdown.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY app.yml ./
COPY schema ./schema
# The node image ships an unprivileged "node" user.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# `npm start` runs `node ./dist/main.js` (no build step: dist/ comes from the build stage).
ENTRYPOINT ["/usr/bin/tini", "-g", "--"]
CMD ["npm", "start"]
