# contextkaart in a container: Debian bookworm with Node, Debian's Chromium and fonts, and the
# package from `npm pack` installed globally. Build and run: README, "Install".
#   docker build -t contextkaart:latest .
#   docker run --rm -v contextkaart-data:/var/lib/contextkaart contextkaart:latest data fetch
#   docker run --rm -v contextkaart-data:/var/lib/contextkaart -v "$PWD/out:/work/out" contextkaart:latest render GM0796
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Build dist/ and pack it, exactly as `npm pack` does in a clone.
FROM ${NODE_IMAGE} AS pack
WORKDIR /src
ENV PUPPETEER_SKIP_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json README.md ./
COPY bin bin
COPY src src
COPY templates templates
COPY assets assets
COPY regions/region.schema.json regions/
RUN npm pack --pack-destination /tmp && mv /tmp/contextkaart-*.tgz /tmp/contextkaart.tgz

# 2. The image: Chromium prints the PDF (the report's own font, Source Sans 3, is inside the package).
FROM ${NODE_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core fonts-liberation ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=pack /tmp/contextkaart.tgz /tmp/contextkaart.tgz
RUN PUPPETEER_SKIP_DOWNLOAD=1 npm install --global --no-audit --no-fund /tmp/contextkaart.tgz \
 && rm /tmp/contextkaart.tgz && npm cache clean --force \
 && mkdir -p /var/lib/contextkaart /work \
 && chown -R node:node /var/lib/contextkaart /work
# The data directory sits in the volume with the staging folder `data fetch` switches it from
# (a rename, so both on one file system). A data directory of your own: mount it at
# /var/lib/contextkaart/data (read-only is fine for render, batch and validate).
ENV PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium \
    CONTEXTKAART_DATA=/var/lib/contextkaart/data
USER node
WORKDIR /work
VOLUME ["/var/lib/contextkaart"]
ENTRYPOINT ["contextkaart"]
CMD ["--help"]
