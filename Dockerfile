# CaptionRelay image: build the shaded jar with Maven, run it on a plain JRE as a non-root user.
#
#   docker build -t captionrelay .
#   docker run --rm -v "$PWD/inbox:/app/inbox" -v "$PWD/outbox:/app/outbox" captionrelay            # service mode
#   docker run --rm -v "$PWD/inbox:/app/inbox" -v "$PWD/outbox:/app/outbox" captionrelay --batch    # one pass, then exit
#
# The user's ids are build arguments so that bind-mounted folders can be made writable:
#   docker build --build-arg APP_UID="$(id -u)" --build-arg APP_GID="$(id -g)" -t captionrelay .

# ---- build stage -----------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# Dependencies first: this layer is reused until pom.xml changes.
COPY pom.xml ./
RUN mvn -B --no-transfer-progress dependency:go-offline

COPY src ./src
# Online on purpose: go-offline misses a few plugin dependencies, which are fetched here.
# The glob picks the shaded jar only (maven-shade keeps the thin one as original-captionrelay-*.jar);
# cp fails if it ever matches more than one file.
RUN mvn -B --no-transfer-progress package -DskipTests \
 && cp target/captionrelay-*.jar /build/captionrelay.jar

# ---- runtime stage ---------------------------------------------------------------------------
FROM eclipse-temurin:17-jre

ARG APP_UID=10001
ARG APP_GID=10001

LABEL org.opencontainers.image.title="CaptionRelay" \
      org.opencontainers.image.description="Watches an inbox folder for images, describes them, writes JSON sidecars and database rows."

# curl: the compose health check asks the management server (GET /observe/health).
# libheif-examples: heif-convert decodes HEIC/HEIF/AVIF (docs/heic.md). From libheif 1.16 on its HEVC and AV1
# decoders are separate plugin packages, which --no-install-recommends would leave out: named where they exist.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl libheif-examples \
 && if apt-cache show libheif-plugin-libde265 >/dev/null 2>&1; then \
      apt-get install -y --no-install-recommends libheif-plugin-libde265 libheif-plugin-dav1d; fi \
 && rm -rf /var/lib/apt/lists/*
# -o: the base image already has a user with uid 1000 (ubuntu), a common host uid to map to.
RUN groupadd -o -g "${APP_GID}" captionrelay \
 && useradd -o -u "${APP_UID}" -g captionrelay -d /app -s /usr/sbin/nologin -M captionrelay \
 && mkdir -p /app/inbox /app/outbox /app/data \
 && chown captionrelay:captionrelay /app/inbox /app/outbox /app/data

# File names are UTF-8: the JVM can then address every name that is valid UTF-8 (others are refused with a record).
ENV LANG=C.UTF-8

# The app reads routes/*.camel.yaml relative to its working directory.
WORKDIR /app
COPY --from=build /build/captionrelay.jar /app/captionrelay.jar
COPY routes/ /app/routes/

USER captionrelay

ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/captionrelay.jar"]
