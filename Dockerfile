# One image for every service. Maven builds the jars first (./setup.sh runs `mvn install -DskipTests`);
# this file only packages one of them:
#
#   docker build --build-arg SERVICE=api-gateway -t log-storage/api-gateway:local .
#
# SERVICE is the Maven module; its Spring Boot jar is <module>/target/<module>.jar. The storage node
# image runs three times with different settings (see docker-compose.yml).

ARG JAVA_IMAGE=eclipse-temurin:17-jre-noble

# --- Split the fat jar into layers: dependencies change rarely, the application often. ----------
FROM ${JAVA_IMAGE} AS extract
ARG SERVICE
RUN test -n "${SERVICE}" || { echo "build with --build-arg SERVICE=<module>, e.g. SERVICE=api-gateway" >&2; exit 1; }
WORKDIR /extract
COPY ${SERVICE}/target/${SERVICE}.jar application.jar
# Spring Boot's jar tools: extracted/<layer>/application.jar plus lib/, runnable with java -jar.
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# --- Runtime ------------------------------------------------------------------------------------
FROM ${JAVA_IMAGE}
ARG SERVICE
LABEL org.opencontainers.image.title="log-storage ${SERVICE}" \
      org.opencontainers.image.description="Dynamo-style distributed log store: ${SERVICE}"

RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app
COPY --from=extract /extract/extracted/dependencies/ ./
COPY --from=extract /extract/extracted/spring-boot-loader/ ./
COPY --from=extract /extract/extracted/snapshot-dependencies/ ./
COPY --from=extract /extract/extracted/application/ ./

USER 10001:10001

# The heap follows the container's memory limit; an OutOfMemoryError ends the process so the
# container restarts instead of limping on. The common pool's parallelism: on fewer than 3 CPUs
# the JDK would run every HttpClient completion on a new thread (see ServiceCatalog). Override or
# extend with JAVA_OPTS.
ENV SERVICE_NAME=${SERVICE} \
    JAVA_OPTS="-XX:MaxRAMPercentage=65 -XX:InitialRAMPercentage=20 -XX:+ExitOnOutOfMemoryError -Djava.util.concurrent.ForkJoinPool.common.parallelism=4"

# Ports and health: each service listens on SERVER_PORT (8080-8088) and answers
# GET /actuator/health/readiness; docker-compose.yml defines the healthchecks (curl is in the base image).
EXPOSE 8080-8088

# exec: java is PID 1 and gets SIGTERM, so Spring shuts down gracefully (a storage node leaves the ring).
# Arguments after the image name become Spring arguments, e.g. --server.port=9000.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/application.jar \"$@\"", "--"]
