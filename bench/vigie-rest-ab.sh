#!/usr/bin/env bash
# Warm DICOMweb medians of two Vigie builds, measured in the same minutes, interleaved (5 rounds of 20 curl calls per
# request and build, after 600 warm-up calls of each), on the 100-instance series of the bench corpus:
#   bash bench/vigie-rest-ab.sh old.jar web-api/target/vigie.jar
# Needs the corpus that bench/ingest-vs-peers.sh leaves in $B (default /tmp/peers), dcmtk, curl and jq.
set -euo pipefail
B=${B:-/tmp/peers}; WARM=${WARM:-600}
[ -s "$B/files.txt" ] || { echo "run bench/ingest-vs-peers.sh first (it makes $B/files.txt)" >&2; exit 1; }
[ $# = 2 ] || { echo "usage: $0 A.jar B.jar" >&2; exit 2; }
. "$(dirname "$0")/vigie-lib.sh"
jars=("$1" "$2"); ports=(8071 8081); pids=(); dirs=()
trap 'kill ${pids[*]} 2>/dev/null || true; rm -rf ${dirs[*]} ${dirs[*]/%/.log}' EXIT
declare -A TOKEN URL
for i in 0 1; do
  p=${ports[$i]}
  start_vigie "${jars[$i]}" $p $((p + 3000)); pids+=($VIGIE_PID); dirs+=("$VIGIE_DATA")
  storescu -aet BENCHSCU -aec ANY 127.0.0.1 $((p + 3000)) $(sed -n 101,200p "$B/files.txt") >/dev/null 2>&1
  TOKEN[$p]=$(dev_token $p); w=http://127.0.0.1:$p/dicomweb
  read -r st se patient sop < <(bench_targets $p "${TOKEN[$p]}")
  URL[$p,study]="$w/studies?PatientID=$patient"; URL[$p,instances]="$w/studies/$st/series/$se/instances"
  URL[$p,wado]="$w/studies/$st/series/$se/instances/$sop"; URL[$p,metadata]="$w/studies/$st/series/$se/metadata"
done
accept(){ [ "$1" = wado ] && echo 'multipart/related; type="application/dicom"' || echo application/dicom+json; }
calls(){ for _ in $(seq "$3"); do curl -s -o /dev/null -H "Authorization: Bearer ${TOKEN[$1]}" -H "Accept: $(accept "$2")" \
  -w '%{time_total}\n' "${URL[$1,$2]}"; done; }
requests=(study instances wado metadata); out=$(mktemp -d); dirs+=("$out")
for r in "${requests[@]}"; do for p in "${ports[@]}"; do calls $p $r "$WARM" >/dev/null; done; done
for _ in 1 2 3 4 5; do for r in "${requests[@]}"; do for p in "${ports[@]}"; do calls $p $r 20 >> "$out/$r.$p"; done; done; done
median(){ sort -g "$1" | awk '{a[NR]=$1} END{printf "%.2f", a[int((NR+1)/2)]*1000}'; }
printf "%-10s %12s %12s   (median ms of 100, load average %s)\n" request "A" "B" "$(cut -d' ' -f1 /proc/loadavg)"
for r in "${requests[@]}"; do printf "%-10s %12s %12s\n" $r "$(median "$out/$r.${ports[0]}")" "$(median "$out/$r.${ports[1]}")"; done
echo "A: ${jars[0]}"; echo "B: ${jars[1]}"
