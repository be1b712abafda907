#!/usr/bin/env bash
# Load test of a running cluster (start it with ./setup.sh), through the gateway:
#   1. the Day 24 seed's test: 10,000 logs with diverse source IPs, then the distribution;
#   2. a sustained run: 10,000 logs/s for 60 s in batches of 1,000 at the default consistency (QUORUM).
# Each run shows a progress bar, then throughput, request latency, ingest->durable latency, errors,
# a read-back of every acknowledged log, and the distribution over storage nodes.
#
#   ./load-test.sh                      both runs
#   ./load-test.sh --seed-only          only the seed's test
#   ./load-test.sh --no-warmup          no 60 s warm-up (JIT, fresh tables) before the sustained run
#   ./load-test.sh --rate 5000 ...      options for the sustained run (see --help)
#   ./load-test.sh --batch 1            the sustained run as single logs (POST /api/logs) from 32 clients
# Every run ends with its CPU: the machine's busy cores, the generator's own share, and the
# cluster's CPU per log (machine minus generator, over the acknowledged logs).
#
# Credentials: the cluster's keys from run/security/keys.env (./setup.sh writes it; KEYS_FILE or
# LOGSTORE_ADMIN_KEY / LOGSTORE_INTERNAL_TOKEN in the environment point elsewhere).
set -euo pipefail
cd "$(dirname "$0")"

GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
COORDINATOR=${COORDINATOR:-http://127.0.0.1:8081}
# A second coordinator (./setup.sh --coordinators 2) writes the partitions it owns: its counts are added.
COORDINATOR_2=${COORDINATOR_2:-http://127.0.0.1:8181}
JAR=benchmarks/target/benchmarks.jar
MAIN=com.logprocessor.bench.load.LoadGenerator

seed_only=false
warmup=true
if [[ "${1:-}" == "--seed-only" ]]; then seed_only=true; shift; fi
if [[ "${1:-}" == "--no-warmup" ]]; then warmup=false; shift; fi
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  [[ -f "$JAR" ]] && exec java -cp "$JAR" "$MAIN" --help
  echo "build first: mvn -B -q -pl benchmarks -am package -DskipTests"; exit 0
fi

if [[ ! -f "$JAR" ]]; then
  echo "Building the load generator..."
  mvn -B -q -pl benchmarks -am package -DskipTests
fi

COORDINATORS=$COORDINATOR
if curl -fsS -o /dev/null --max-time 2 "$COORDINATOR_2/actuator/health" 2>/dev/null; then
  COORDINATORS="$COORDINATOR,$COORDINATOR_2"
fi

# The load generator against this cluster; the rest of the arguments are its options. It shares the
# machine it measures, so it runs on the quick compiler only (C1): a minute's run spent half the
# generator's CPU in C2 compiling its own hot path, more than the faster code then saved.
load() { java -XX:TieredStopAtLevel=1 -cp "$JAR" "$MAIN" --gateway "$GATEWAY" --coordinator "$COORDINATORS" "$@"; }

if ! curl -fsS -o /dev/null --max-time 5 "$GATEWAY/api/health"; then
  echo "The gateway at $GATEWAY is not healthy (or not running). Start the system with ./setup.sh" >&2
  curl -sS --max-time 5 "$GATEWAY/api/health" >&2 || true
  exit 1
fi

echo "=== 1. The seed's test: 10,000 logs with diverse source IPs ==="
load --count 10000 --batch 100 --rate 0 --concurrency 4 --keys 2000 --seed 24 --verify

$seed_only && exit 0

if $warmup; then
  # A freshly started cluster is a dozen JVMs still compiling their hot paths, over empty tables
  # that PostgreSQL extends, vacuums and analyzes at every 20 % of growth: the first minute of load
  # measures that, not the steady state. These logs are stored and read back too, and the
  # warm-up's own latency is shown (the cold figure).
  echo
  echo "=== Warm-up: 60 s at 10,000 logs/s (cold; --no-warmup skips it) ==="
  mkdir -p run
  if ! load --rate 10000 --duration 60s --batch 1000 --concurrency 8 --keys 5000 --seed 28 --verify > run/warmup.log; then
    cat run/warmup.log
    echo "The warm-up failed (above); not starting the sustained run." >&2
    exit 1
  fi
  grep -E '^  (acknowledged|errors|ingest -> durable|read back|CPU)' run/warmup.log
fi

echo
if [[ " $* " == *" --batch 1 "* ]]; then
  # Applications that POST their logs one by one: 32 clients, each as fast as it is answered.
  echo "=== 2. Sustained: single logs (POST /api/logs) from 32 clients, as fast as accepted, for 60 s ==="
  load --rate 0 --duration 60s --concurrency 32 --keys 5000 --seed 29 --verify "$@"
else
  echo "=== 2. Sustained: 10,000 logs/s for 60 s, batches of 1,000 ==="
  load --rate 10000 --duration 60s --batch 1000 --concurrency 8 --keys 5000 --seed 29 --verify "$@"
fi
