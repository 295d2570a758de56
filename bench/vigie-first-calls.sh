#!/usr/bin/env bash
# A fresh Vigie per pass, as peers.sh measures one: start it, store the 300-instance bench corpus on one association,
# then the medians of the first 20 calls of each DICOMweb request of bench/vigie-rest.sh (the JIT has compiled only
# what start-up and the ingest ran). Each argument is one configuration, "JVM options|Vigie arguments", measured in
# turn, ROUNDS times (default 3), so that configurations are compared in the same minutes:
#   bash bench/vigie-first-calls.sh "|" "-XX:CompileThresholdScaling=0.1|" "|--management.observations.enable.http.server.requests=false"
# PREWARM=N first makes N rounds of the four requests on a study that does not exist (QIDO finds nothing, WADO-RS
# answers 404), before the ingest: how much of the first calls' cost a warm-up without data would take away.
# JAR (default web-api/target/vigie.jar) and JAVA choose the build and the JVM. Needs the corpus that
# bench/ingest-vs-peers.sh leaves in $B (default /tmp/peers), dcmtk, curl and jq.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-/tmp/peers}; JAR=${JAR:-$ROOT/web-api/target/vigie.jar}
[ -s "$B/files.txt" ] || { echo "run bench/ingest-vs-peers.sh first (it makes $B/files.txt)" >&2; exit 1; }
[ $# -ge 1 ] || { echo "usage: $0 'JVM options|Vigie arguments' ..." >&2; exit 2; }
. "$ROOT/bench/vigie-lib.sh"
median(){ sort -g | awk '{a[NR]=$1} END{printf "%.1f", a[int((NR+1)/2)]*1000}'; }
W=http://127.0.0.1:8097/dicomweb
DJ=application/dicom+json; MP='multipart/related; type="application/dicom"'
calls(){ for _ in $(seq "$3"); do curl -s -o /dev/null -H "Authorization: Bearer $T" -H "Accept: $2" -w '%{time_total}\n' "$1"; done; }
corpus=$(cat "$B/files.txt"); count=$(wc -w <<<"$corpus")
for round in $(seq "${ROUNDS:-3}"); do for spec in "$@"; do
  # shellcheck disable=SC2086 # the Vigie arguments are a word list
  JAVA_OPTS=${spec%%|*} start_vigie "$JAR" 8097 11198 ${spec#*|}
  T=$(dev_token 8097)
  if [ "${PREWARM:-0}" -gt 0 ]; then
    for _ in $(seq "$PREWARM"); do
      calls "$W/studies?PatientID=NOBODY" $DJ 1; calls "$W/studies/1.2.3/series/1.2.3.4/instances" $DJ 1
      calls "$W/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5" "$MP" 1; calls "$W/studies/1.2.3/series/1.2.3.4/metadata" $DJ 1
    done > /dev/null
  fi
  # shellcheck disable=SC2086 # the corpus is a list of file names
  s=$(date +%s%N); TCP_NODELAY=1 storescu -aet BENCHSCU -aec ANY 127.0.0.1 11198 $corpus >/dev/null 2>&1; e=$(date +%s%N)
  rate=$(awk -v n="$count" -v ns=$((e - s)) 'BEGIN{printf "%.0f", n / (ns / 1e9)}')
  read -r st se patient sop < <(bench_targets 8097 "$T")
  printf "%-50s accepting after %5d ms, ingest %4s inst/s; first calls (ms): study %5s  instances %5s  wado %5s  metadata %5s\n" \
    "[$spec]" "$VIGIE_UP_MS" "$rate" "$(calls "$W/studies?PatientID=$patient" $DJ 20 | median)" \
    "$(calls "$W/studies/$st/series/$se/instances" $DJ 20 | median)" \
    "$(calls "$W/studies/$st/series/$se/instances/$sop" "$MP" 20 | median)" \
    "$(calls "$W/studies/$st/series/$se/metadata" $DJ 20 | median)"
  stop_vigie $VIGIE_PID "$VIGIE_DATA"
done; done
