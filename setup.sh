#!/usr/bin/env bash
# Builds the project and starts the whole log storage cluster.
#
#   ./setup.sh [up] [--nodes N] [--coordinators 2] [--no-build]
#                                              build, then start everything and wait until it is ready
#                                              (--coordinators 2: a second coordinator, port 8181)
#   ./setup.sh down                            stop everything (data is kept)
#   ./setup.sh status                          show what runs where
#   ./setup.sh build                           only build (mvn -B install -DskipTests)
#   ./setup.sh keys                            generate the API keys if there are none; say where they are
#   ./setup.sh logs|stop|kill|start|restart <name>   local cluster only (see: ./setup.sh help)
#
# With a Docker engine (docker info succeeds) and a docker-compose.yml, the system runs under Docker
# Compose (with Prometheus and Grafana). Otherwise it runs as a local cluster: PostgreSQL, Redis and
# Kafka from Maven artifacts and every service as its own JVM, state in ./run (local-cluster module).
# Needs only a JDK 17+ and Maven.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$(pwd)"
LOCAL_CLUSTER_JAR="$ROOT/local-cluster/target/local-cluster.jar"
BUILD_LOG="$ROOT/run/build.log"
SERVICES=(api-gateway:8080 storage-coordinator:8081 storage-node-1:8082 storage-node-2:8083 storage-node-3:8084
  merkle-tree-service:8085 anti-entropy-coordinator:8086 read-repair-service:8087 hint-manager:8088)

say() { printf '%s\n' "$*"; }
die() { printf 'setup.sh: %s\n' "$*" >&2; exit 1; }

require_java() {
  command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless) and put it on PATH"
  local version major
  version="$(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
  major="${version%%.*}"
  [[ "$major" == "1" ]] && major="$(echo "$version" | cut -d. -f2)"
  [[ "$major" =~ ^[0-9]+$ ]] || die "cannot tell the Java version from 'java -version' ($version)"
  (( major >= 17 )) || die "Java $version found, Java 17 or newer is needed"
}

require_maven() {
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven 3.8+ (e.g. apt-get install maven) and put it on PATH"
}

# Docker Compose is used when an engine answers and the compose file exists.
use_docker() {
  [[ -f "$ROOT/docker-compose.yml" || -f "$ROOT/compose.yml" ]] || return 1
  command -v docker >/dev/null 2>&1 || return 1
  docker info >/dev/null 2>&1 || return 1
  docker compose version >/dev/null 2>&1 || return 1
}

build() {
  require_java
  require_maven
  mkdir -p "$(dirname "$BUILD_LOG")"
  say "Building (mvn -B install -DskipTests; full log: ${BUILD_LOG#"$ROOT"/}) ..."
  local start=$SECONDS status=0
  local module_line='^\[INFO\] Building (.+) [0-9][^ ]* +\[([0-9]+/[0-9]+)\]$'
  # Print one line per module as Maven reaches it; everything goes to the log.
  mvn -B install -DskipTests 2>&1 | tee "$BUILD_LOG" | while IFS= read -r line; do
    if [[ "$line" =~ $module_line ]]; then
      printf '  [%s] %s\n' "${BASH_REMATCH[2]}" "${BASH_REMATCH[1]}"
    fi
  done || status=$?
  if (( status != 0 )) || ! grep -q "BUILD SUCCESS" "$BUILD_LOG"; then
    say "Build FAILED after $((SECONDS - start)) s. The errors:"
    grep -E "^\[ERROR\]" "$BUILD_LOG" | head -40 >&2 || tail -40 "$BUILD_LOG" >&2
    exit 1
  fi
  say "Build OK in $((SECONDS - start)) s."
}

local_cluster() {
  require_java
  [[ -f "$LOCAL_CLUSTER_JAR" ]] || die "$LOCAL_CLUSTER_JAR not found: run ./setup.sh build first"
  java -jar "$LOCAL_CLUSTER_JAR" "$@"
}

local_cluster_exists() {
  [[ -f "$ROOT/run/cluster.properties" && -f "$LOCAL_CLUSTER_JAR" ]]
}

print_urls() {
  say ""
  say "Endpoints:"
  say "  API gateway        http://localhost:8080   (POST /api/logs, POST /api/write, GET /api/logs, GET /api/read/{key}/{seq}, Swagger UI /swagger-ui.html)"
  say "  Ring status page   http://localhost:8081/ring"
  say "  Health / metrics   http://localhost:<port>/actuator/health, /actuator/prometheus"
  if [[ "${1:-}" == "docker" ]]; then
    say "  Prometheus         http://localhost:9090"
    say "  Grafana            http://localhost:3000"
  else
    if command -v prometheus >/dev/null 2>&1; then
      say "  Prometheus         http://localhost:9090   (alerts: http://localhost:9090/alerts)"
    fi
    say "  Grafana runs only under Docker Compose (no Docker engine here; Debian has no package)."
  fi
  say ""
  say "Credentials (generated on the first start, never shipped): run/security/keys.env (mode 600)"
  say "  source run/security/keys.env"
  say "  curl -H \"X-API-Key: \$LOGSTORE_INGEST_KEY\" -XPOST localhost:8080/api/logs -H 'Content-Type: application/json' -d '{...}'"
  say "  curl -H \"X-API-Key: \$LOGSTORE_READ_KEY\" 'localhost:8080/api/logs?limit=10'"
  say "  The /ring page asks for a user and password in the browser: any user, an API key (read; admin to Forget) as password."
  say "  Roles: ingest (write), read (query, status), admin (Forget, trigger, DLQ replay); LOGSTORE_INTERNAL_TOKEN is"
  say "  the services' own (storage node APIs). SECURITY_ENABLED=false ./setup.sh runs without credentials."
}

docker_wait_ready() {
  command -v curl >/dev/null 2>&1 || { say "(curl not found: not waiting for readiness; see: docker compose ps)"; return 0; }
  local deadline=$((SECONDS + ${READY_TIMEOUT:-300})) entry name port
  say "Waiting for readiness ..."
  for entry in "${SERVICES[@]}"; do
    name="${entry%%:*}"; port="${entry##*:}"
    until curl -fsS "http://localhost:$port/actuator/health/readiness" >/dev/null 2>&1; do
      (( SECONDS < deadline )) || die "$name (port $port) not ready after ${READY_TIMEOUT:-300} s: docker compose logs $name"
      sleep 2
    done
    say "  [$((SECONDS))s] $name ready   http://localhost:$port"
  done
}

# The local cluster runs Prometheus (alerts and scrape jobs of monitoring/prometheus, :9090) where a
# prometheus binary is installed. Installs Debian's package where apt-get runs as root; elsewhere,
# or with SETUP_PROMETHEUS=0, the cluster runs without it and says so.
ensure_prometheus() {
  command -v prometheus >/dev/null 2>&1 && return 0
  [[ "${SETUP_PROMETHEUS:-1}" == "0" ]] && return 0
  if command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == "0" ]]; then
    say "Installing Debian's prometheus package for the local cluster (log: run/prometheus-install.log) ..."
    mkdir -p "$ROOT/run"
    if (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus) \
        >"$ROOT/run/prometheus-install.log" 2>&1; then
      say "  installed: $(command -v prometheus)"
    else
      say "  could not install it (see run/prometheus-install.log): the cluster runs without Prometheus."
    fi
  else
    say "Prometheus is not installed and apt-get cannot run as root here: the cluster runs without it."
  fi
}

up() {
  local do_build=1 args=() prev=""
  for a in "$@"; do
    case "$a" in
      --no-build) do_build=0 ;;
      *) args+=("$a") ;;
    esac
    # --coordinators 2 (or =2): Compose runs the second coordinator through its profile.
    if [[ "$a" == "--coordinators=2" || ( "$prev" == "--coordinators" && "$a" == "2" ) ]]; then
      export COMPOSE_PROFILES=coordinators-2
    fi
    prev="$a"
  done
  (( do_build )) && build
  if use_docker; then
    say "Docker engine found: starting with Docker Compose ..."
    local_cluster keys   # run/security/services.env, the env_file every service reads
    docker compose up -d --build
    docker_wait_ready
    docker compose ps
    print_urls docker
  else
    if [[ -f "$ROOT/docker-compose.yml" ]]; then
      say "No Docker engine answers (docker info failed): starting the local cluster instead."
    else
      say "No docker-compose.yml / no Docker engine: starting the local cluster (embedded PostgreSQL, Redis, Kafka; one JVM per service)."
    fi
    ensure_prometheus
    local_cluster up ${args[@]+"${args[@]}"}
    print_urls local
  fi
}

down() {
  local did=0
  if use_docker; then
    docker compose down
    did=1
  fi
  if local_cluster_exists; then
    local_cluster down
    did=1
  fi
  (( did )) || say "Nothing is running (no Docker Compose project, no local cluster in ./run)."
}

status() {
  local did=0
  if use_docker; then
    docker compose ps
    did=1
  fi
  if local_cluster_exists; then
    local_cluster status
    did=1
  fi
  (( did )) || say "Nothing is running (no Docker Compose project, no local cluster in ./run)."
}

command="${1:-up}"
(( $# > 0 )) && shift   # a bare ./setup.sh means "up"; shift would fail (and set -e exit) with no arguments
case "$command" in
  -h|--help|help)
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    if [[ -f "$LOCAL_CLUSTER_JAR" ]]; then say ""; java -jar "$LOCAL_CLUSTER_JAR" help; fi
    ;;
  up) up "$@" ;;
  -*) up "$command" "$@" ;;
  down) down ;;
  status) status ;;
  build) build ;;
  keys) local_cluster keys ;;
  *) local_cluster "$command" "$@" ;;
esac
