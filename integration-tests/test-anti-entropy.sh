#!/usr/bin/env bash
# The Day 29 seed's anti-entropy walkthrough against a running cluster, with curl: a synchronous
# write at ALL, a quorum read, Merkle trees of the written partition built and compared, the
# anti-entropy coordinator's jobs API and triggers (a partition, then a whole cycle) followed until
# their jobs complete, the hint manager's and read repair's status, and bad input answered with
# problem+json. Fails loudly: every failed check is printed, and the exit status is 1 if any failed.
# (Damaging a replica behind the system's back needs psql; README.md shows that part, AntiEntropyIT
# checks it.)
#
#   integration-tests/test-anti-entropy.sh            # the design's ports (./setup.sh)
#   GATEWAY=http://127.0.0.1:8080 COORDINATOR=http://127.0.0.1:8081 \
#   NODES="http://127.0.0.1:8082 http://127.0.0.1:8083 http://127.0.0.1:8084" \
#   MERKLE=http://127.0.0.1:8085 ANTI_ENTROPY=http://127.0.0.1:8086 READ_REPAIR=http://127.0.0.1:8087 \
#   HINT_MANAGER=http://127.0.0.1:8088 integration-tests/test-anti-entropy.sh
#
# JOB_TIMEOUT (seconds, default 120) bounds the wait for a triggered job or cycle to settle.
# mvn -B verify runs it against the integration-test cluster (AntiEntropyScriptIT).
set -uo pipefail

GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
COORDINATOR=${COORDINATOR:-http://127.0.0.1:8081}
NODES=${NODES:-http://127.0.0.1:8082 http://127.0.0.1:8083 http://127.0.0.1:8084}
MERKLE=${MERKLE:-http://127.0.0.1:8085}
ANTI_ENTROPY=${ANTI_ENTROPY:-http://127.0.0.1:8086}
READ_REPAIR=${READ_REPAIR:-http://127.0.0.1:8087}
HINT_MANAGER=${HINT_MANAGER:-http://127.0.0.1:8088}
JOB_TIMEOUT=${JOB_TIMEOUT:-120}
RUN=${RUN:-$$-$RANDOM}
KEY="ae-$RUN"
# shellcheck source=checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"

# Polls a job until it is COMPLETED or FAILED (at most JOB_TIMEOUT seconds); prints its last state.
await_job() {
  local id=$1 job="" deadline=$((SECONDS + JOB_TIMEOUT))
  while :; do
    job=$(body "$ANTI_ENTROPY/api/coordinator/jobs/$id")
    case "$(json_string status <<<"$job")" in COMPLETED | FAILED) break ;; esac
    [ "$SECONDS" -ge "$deadline" ] && break
    sleep 0.5
  done
  printf '%s\n' "$job"
}

echo "Anti-entropy checks (gateway $GATEWAY, Merkle trees $MERKLE, anti-entropy $ANTI_ENTROPY, partition $KEY)"

echo "1. Every service is ready"
for url in "$GATEWAY" "$COORDINATOR" $NODES "$MERKLE" "$ANTI_ENTROPY" "$READ_REPAIR" "$HINT_MANAGER"; do
  check "$url is ready" contains "$(body "$url/actuator/health/readiness")" '"UP"'
done

echo "2. A synchronous write answers once ALL replicas have it"
written=""
for i in 1 2 3; do
  w=$(post_json "$GATEWAY/api/write?consistency=ALL" "{\"partitionId\":\"$KEY\",\"message\":\"anti-entropy check $i\"}")
  check "write $i answers 201" contains "$w" "^HTTP/[0-9.]* 201"
  [ "$i" == 1 ] && written=$(body_of "$w")
done
seq=$(json_number sequence <<<"$written")
check "the first write has sequence 1 (a new partition)" equals "$seq" 1
check "... in partition $KEY" equals "$(json_string partitionKey <<<"$written")" "$KEY"
check "... acknowledged by 3 replicas" equals "$(json_number acks <<<"$written")" 3
check "... not a duplicate" equals "$(json_bool duplicate <<<"$written")" false
replicas=$(sed -n 's/.*"replicas":\[\([^]]*\)\].*/\1/p' <<<"$written" | tr -d '"' | tr ',' ' ')
check "three distinct replicas ($replicas)" equals "$(tr ' ' '\n' <<<"$replicas" | grep -c . | tr -d ' ')" 3
first_replica=$(awk '{print $1}' <<<"$replicas")
second_replica=$(awk '{print $2}' <<<"$replicas")
third_replica=$(awk '{print $3}' <<<"$replicas")
id=$(json_string id <<<"$written")
again=$(post_json "$GATEWAY/api/write?consistency=ALL" "{\"id\":\"$id\",\"partitionId\":\"$KEY\",\"message\":\"anti-entropy check 1\"}")
check "the same id again is a duplicate (200) at the same sequence" contains "$again" "^HTTP/[0-9.]* 200"
check "... with duplicate=true" equals "$(json_bool duplicate <<<"$(body_of "$again")")" true
check "... and sequence 1" equals "$(json_number sequence <<<"$(body_of "$again")")" 1

echo "3. A quorum read answers it, nothing stale"
read_answer=$(answer "$GATEWAY/api/read/$KEY/$seq?consistency=QUORUM&repair=blocking")
check "the read answers 200" contains "$read_answer" "^HTTP/[0-9.]* 200"
read_body=$(body_of "$read_answer")
check "... with the message written" contains "$read_body" '"message":"anti-entropy check 1"'
check "... at QUORUM" equals "$(json_string consistency <<<"$read_body")" QUORUM
check "... no replica stale" contains "$read_body" '"stale":\[\]'
check "... so nothing to repair" equals "$(json_string repair <<<"$read_body")" none
check "sequence 3 reads too" equals "$(status "$GATEWAY/api/read/$KEY/3?consistency=ALL")" 200
check "sequence 4 does not exist (404)" equals "$(status "$GATEWAY/api/read/$KEY/4")" 404

echo "4. Merkle trees of the partition: built, cached, compared"
built=$(post_json "$MERKLE/api/merkle/build" "{\"partitionId\":\"$KEY\",\"nodeUrl\":\"$first_replica\"}")
check "a tree of $KEY on $first_replica is built (200)" contains "$built" "^HTTP/[0-9.]* 200"
built=$(body_of "$built")
check "... over the 3 entries written" equals "$(json_number entries <<<"$built")" 3
check "... from 1 segment" equals "$(json_number segments <<<"$built")" 1
check "... on that node" equals "$(json_string node <<<"$built")" "$first_replica"
root=$(json_string root <<<"$built")
check "... with a 16-hex-digit root ($root), not the empty tree's" \
  bash -c '[[ "$1" =~ ^[0-9a-f]{16}$ && "$1" != 0000000000000000 ]] || { echo "root: $1"; exit 1; }' _ "$root"
rebuilt=$(body_of "$(post_json "$MERKLE/api/merkle/build" "{\"partitionId\":\"$KEY\",\"node\":\"$first_replica\"}")")
check "built again: the same root" equals "$(json_string root <<<"$rebuilt")" "$root"
check "... from the cache" equals "$(json_bool cached <<<"$rebuilt")" true
for other in "$second_replica" "$third_replica"; do
  compared=$(post_json "$MERKLE/api/merkle/compare" \
    "{\"partitionId\":\"$KEY\",\"node1Url\":\"$first_replica\",\"node2Url\":\"$other\"}")
  check "$first_replica and $other compared (200)" contains "$compared" "^HTTP/[0-9.]* 200"
  compared=$(body_of "$compared")
  check "... consistent" equals "$(json_bool consistent <<<"$compared")" true
  check "... equal roots" equals "$(json_string root2 <<<"$compared")" "$(json_string root1 <<<"$compared")"
  check "... no differing segment" contains "$compared" '"differingSegments":\[\]'
done
health=$(body "$MERKLE/api/merkle/health")
check "the Merkle service's health is UP" equals "$(json_string status <<<"$health")" UP
for field in depth segmentSize nodes cache hits misses; do
  check "its health has $field" contains "$health" "\"$field\""
done
for node in $replicas; do
  check "... and lists $node" contains "$health" "\"node\":\"$node\""
done

echo "5. Anti-entropy jobs: a partition triggered, followed until it completes"
jobs=$(answer "$ANTI_ENTROPY/api/coordinator/jobs?status=COMPLETED&limit=5")
check "the jobs API answers 200" contains "$jobs" "^HTTP/[0-9.]* 200"
jobs=$(body_of "$jobs")
for s in PENDING RUNNING COMPLETED FAILED; do
  check "it counts $s jobs" contains "$jobs" "\"$s\":[0-9]"
done
listed=$(grep -o '"kind":"' <<<"$jobs" | wc -l | tr -d ' ')
check "at most 5 jobs listed ($listed)" test "$listed" -le 5
check "... all COMPLETED" equals "$(grep -o '"status":"COMPLETED"' <<<"$jobs" | wc -l | tr -d ' ')" "$listed"
triggered=$(answer -X POST "$ANTI_ENTROPY/api/coordinator/trigger?partitionKey=$KEY")
check "a trigger of partition $KEY answers 202" contains "$triggered" "^HTTP/[0-9.]* 202"
triggered=$(body_of "$triggered")
check "... naming a PARTITION job" equals "$(json_string kind <<<"$triggered")" PARTITION
check "... of $KEY" equals "$(json_string subject <<<"$triggered")" "$KEY"
job_id=$(json_number id <<<"$triggered")
check "... with an id ($job_id)" at_least "$job_id" 1
job=$(await_job "$job_id")
check "job $job_id is COMPLETED within ${JOB_TIMEOUT}s" equals "$(json_string status <<<"$job")" COMPLETED
check "... compared the partition" at_least "$(json_number partitionsCompared <<<"$job")" 1
check "... found it consistent" equals "$(json_number partitionsDiffering <<<"$job")" 0
check "... so streamed no entry" equals "$(json_number entriesStreamed <<<"$job")" 0
check "... with its start" contains "$job" '"startedAt":"'
check "... and end" contains "$job" '"finishedAt":"'
check "the COMPLETED jobs list it" contains "$(body "$ANTI_ENTROPY/api/coordinator/jobs?status=COMPLETED&limit=1000")" "\"id\":$job_id,"

echo "6. A whole cycle triggered: one job per ring member, all COMPLETED"
cycle=$(answer -X POST "$ANTI_ENTROPY/api/coordinator/trigger")
check "a trigger of every range answers 202" contains "$cycle" "^HTTP/[0-9.]* 202"
cycle=$(body_of "$cycle")
cycle_id=$(json_number cycleId <<<"$cycle")
check "... naming its cycle ($cycle_id)" at_least "$cycle_id" 1
cycle_jobs=$(grep -o '"id":[0-9]*' <<<"$cycle" | sed 's/.*://' | tr '\n' ' ')
check "... and at least 3 PRIMARY_RANGES jobs ($cycle_jobs)" \
  at_least "$(grep -o '"kind":"PRIMARY_RANGES"' <<<"$cycle" | wc -l | tr -d ' ')" 3
compared_in_cycle=0
for j in $cycle_jobs; do
  job=$(await_job "$j")
  check "cycle job $j ($(json_string subject <<<"$job")) is COMPLETED" equals "$(json_string status <<<"$job")" COMPLETED
  compared_in_cycle=$((compared_in_cycle + $(json_number partitionsCompared <<<"$job" | grep . || echo 0)))
done
check "the cycle compared $compared_in_cycle partitions ($KEY among them)" at_least "$compared_in_cycle" 1

echo "7. Hinted handoff and read repair report their state"
stats=$(answer "$HINT_MANAGER/api/hints/stats")
check "the hint manager's stats answer 200" contains "$stats" "^HTTP/[0-9.]* 200"
for field in since created replayed expired failed rejected pending replayRatePerSecond; do
  check "... with $field" contains "$stats" "\"$field\""
done
pending=$(body "$HINT_MANAGER/api/hints/pending")
check "the pending hints answer a total" contains "$pending" '"total":[0-9]'
check "... and per node" contains "$pending" '"nodes":\['
rr=$(body "$READ_REPAIR/api/read-repair/stats")
for field in completed failed collapsed replicasWritten; do
  check "read repair's stats have $field" contains "$rr" "\"$field\":[0-9]"
done

echo "8. Bad input is refused with problem+json"
long_key=$(printf 'k%.0s' $(seq 1 257))
check "trigger?partitionKey= (empty) is a 400" problem "$(answer -X POST "$ANTI_ENTROPY/api/coordinator/trigger?partitionKey=")" 400
check "a partition key of 257 characters is a 400" \
  problem "$(answer -X POST "$ANTI_ENTROPY/api/coordinator/trigger?partitionKey=$long_key")" 400
check "partitionKey and node together are a 400" \
  problem "$(answer -X POST "$ANTI_ENTROPY/api/coordinator/trigger?partitionKey=$KEY&node=$first_replica")" 400
check "an unknown reason is a 400" \
  problem "$(answer -X POST "$ANTI_ENTROPY/api/coordinator/trigger?partitionKey=$KEY&reason=bogus")" 400
check "an unknown node is a 404" problem "$(answer -X POST "$ANTI_ENTROPY/api/coordinator/trigger?node=no-such-node-$RUN")" 404
bogus=$(answer "$ANTI_ENTROPY/api/coordinator/jobs?status=BOGUS")
check "jobs?status=BOGUS is a 400" problem "$bogus" 400
check "... naming the field" contains "$bogus" '"status"'
check "jobs?limit=0 is a 400" problem "$(answer "$ANTI_ENTROPY/api/coordinator/jobs?limit=0")" 400
check "jobs?limit=many is a 400" problem "$(answer "$ANTI_ENTROPY/api/coordinator/jobs?limit=many")" 400
check "jobs/abc is a 400" problem "$(answer "$ANTI_ENTROPY/api/coordinator/jobs/abc")" 400
check "an unknown job id is a 404" problem "$(answer "$ANTI_ENTROPY/api/coordinator/jobs/9000000000000")" 404
check "a compare without partitionId is a 400" \
  problem "$(post_json "$MERKLE/api/merkle/compare" "{\"node1Url\":\"$first_replica\",\"node2Url\":\"$second_replica\"}")" 400
check "a build on an unknown node id is a 404" \
  problem "$(post_json "$MERKLE/api/merkle/build" "{\"partitionId\":\"$KEY\",\"node\":\"no-such-node-$RUN\"}")" 404
check "a write without message is a 400" problem "$(post_json "$GATEWAY/api/write" "{\"partitionId\":\"$KEY\"}")" 400
check "a read at consistency=MOST is a 400" problem "$(answer "$GATEWAY/api/read/$KEY/1?consistency=MOST")" 400
check "nothing was written by the refused write" equals "$(status "$GATEWAY/api/read/$KEY/4")" 404

echo "9. Metrics are exported"
ae_metrics=$(body "$ANTI_ENTROPY/actuator/prometheus")
check "anti-entropy counts completed jobs" contains "$ae_metrics" 'reconciliation_jobs_completed_total{'
check "anti-entropy counts partitions compared" contains "$ae_metrics" 'anti_entropy_partitions_compared_total'
check "the Merkle service counts comparisons" contains "$(body "$MERKLE/actuator/prometheus")" 'merkle_tree_comparisons_total{'

finish
