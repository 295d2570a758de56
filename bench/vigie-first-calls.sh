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
median(){ sort -g | awk '{a[NR]=$1} END{printf "%.1f", a[int((NR+1)/2)]*1000}'; }
W=http://127.0.0.1:8097/dicomweb
DJ=application/dicom+json; MP='multipart/related; type="application/dicom"'
calls(){ for _ in $(seq "$3"); do curl -s -o /dev/null -H "Authorization: Bearer $T" -H "Accept: $2" -w '%{time_total}\n' "$1"; done; }
for round in $(seq "${ROUNDS:-3}"); do for spec in "$@"; do
  opts=${spec%%|*}; args=${spec#*|}
  data=$(mktemp -d); started=$(date +%s%N)
  # shellcheck disable=SC2086 # the options and arguments are word lists
  ${JAVA:-java} $opts -Dai.djl.offline=true -jar "$JAR" --vigie.data-dir="$data" --vigie.roles=ingest,api \
    --vigie.dicom.port=11198 --vigie.dicom.bind-address=127.0.0.1 --vigie.dicom.ae-title=ANY --server.port=8097 \
    --management.server.port=8096 --logging.level.root=WARN $args > "$data.log" 2>&1 &
  pid=$!
  for _ in $(seq 1200); do echoscu -aec ANY 127.0.0.1 11198 >/dev/null 2>&1 && break; sleep 0.1; done
  up=$(( ($(date +%s%N) - started) / 1000000 ))
  T=$(curl -s -X POST 'http://127.0.0.1:8097/dev-issuer/token?role=radiologist' | jq -r .access_token)
  if [ "${PREWARM:-0}" -gt 0 ]; then
    for _ in $(seq "$PREWARM"); do
      calls "$W/studies?PatientID=NOBODY" $DJ 1; calls "$W/studies/1.2.3/series/1.2.3.4/instances" $DJ 1
      calls "$W/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5" "$MP" 1; calls "$W/studies/1.2.3/series/1.2.3.4/metadata" $DJ 1
    done > /dev/null
  fi
  s=$(date +%s%N); storescu -aet BENCHSCU -aec ANY 127.0.0.1 11198 $(cat "$B/files.txt") >/dev/null 2>&1; e=$(date +%s%N)
  rate=$(awk -v ns=$((e - s)) 'BEGIN{printf "%.0f", 300 / (ns / 1e9)}')
  big=$(curl -s -H "Authorization: Bearer $T" "$W/series?limit=1000" | jq -c 'sort_by(.["00201209"].Value[0]) | last')
  st=$(jq -r '.["0020000D"].Value[0]' <<<"$big"); se=$(jq -r '.["0020000E"].Value[0]' <<<"$big")
  patient=$(jq -r '.["00100020"].Value[0]' <<<"$big")
  sop=$(curl -s -H "Authorization: Bearer $T" "$W/studies/$st/series/$se/instances" | jq -r '.[length/2|floor]["00080018"].Value[0]')
  printf "%-50s accepting after %5d ms, ingest %4s inst/s; first calls (ms): study %5s  instances %5s  wado %5s  metadata %5s\n" \
    "[$spec]" "$up" "$rate" "$(calls "$W/studies?PatientID=$patient" $DJ 20 | median)" \
    "$(calls "$W/studies/$st/series/$se/instances" $DJ 20 | median)" \
    "$(calls "$W/studies/$st/series/$se/instances/$sop" "$MP" 20 | median)" \
    "$(calls "$W/studies/$st/series/$se/metadata" $DJ 20 | median)"
  kill $pid; wait $pid 2>/dev/null; rm -rf "$data" "$data.log"
done; done
