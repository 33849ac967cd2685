#!/usr/bin/env bash
# Both Kafka clients side by side in one session, on the stack of STACK_DIR (default .local):
# raw passthrough, the worker bench (at_least_once, exactly_once) and the produce bench, each
# on KafkaJS and on @platformatic/kafka, all on Node 22 from npm (KafkaJS's passthrough also on
# the Node running this script). Prints JSON lines and the bench reports, with the load average
# before each step. BENCHMARKS.md is left as it was (the bench entries write into it).
#   STACK_DIR=/work/stack scripts/clients/compareClients.sh [passthrough-records]
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS="${1:-100000}"
NODE22=(npx -y -p node@22 node)
cp BENCHMARKS.md /tmp/BENCHMARKS.md.compareClients 2>/dev/null || true
restore() { if [ -f /tmp/BENCHMARKS.md.compareClients ]; then cp /tmp/BENCHMARKS.md.compareClients BENCHMARKS.md; fi; }
trap restore EXIT
load() { echo "## $* | load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }

load "passthrough kafkajs, Node $(node --version)"
KAFKA_CLIENT=kafkajs node --import tsx scripts/clients/measurePassthrough.ts "$RECORDS"
for client in kafkajs platformatic; do
  load "passthrough $client, Node 22"
  KAFKA_CLIENT=$client "${NODE22[@]}" --import tsx scripts/clients/measurePassthrough.ts "$RECORDS"
done
for entry in worker produce; do
  for client in kafkajs platformatic; do
    load "bench $entry on $client, Node 22"
    KAFKA_CLIENT=$client "${NODE22[@]}" --import tsx bench/run.ts "$entry"
  done
done
load "done"
