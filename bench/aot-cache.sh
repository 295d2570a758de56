#!/usr/bin/env bash
# Java 25 only: an ahead-of-time cache (JEP 483/514/515: classes loaded and linked, method profiles) for the packaged
# jar, from one training run that stores the warm-up corpus and answers the DICOMweb bench's four requests. A Vigie started with it
# skips most class loading and gets profiles that a fresh JVM would spend its first thousands of instances
# collecting. The cache is tied to the JDK build and the jar: make it again after either changes.
#   bash bench/aot-cache.sh [out-dir]     -> out-dir/vigie.jar (extracted layout) and out-dir/vigie.aot
# Then: JAVA=$J25 JAVA_OPTS="-XX:AOTCache=out-dir/vigie.aot" bash bench/vigie-fresh-and-warm.sh out-dir/vigie.jar
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
B=${B:-/tmp/peers}; OUT=${1:-$ROOT/web-api/target/aot}
[ -d "$B/warm" ] || { echo "run bench/ingest-vs-peers.sh first (it makes the warm-up corpus $B/warm)" >&2; exit 1; }
rm -rf "$OUT"; "$J25" -Djarmode=tools -jar "$ROOT/web-api/target/vigie.jar" extract --destination "$OUT" >/dev/null
data=$(mktemp -d); trap 'rm -rf "$data" "$data.log"' EXIT
"$J25" -XX:AOTCacheOutput="$OUT/vigie.aot" -Dai.djl.offline=true -jar "$OUT/vigie.jar" --vigie.data-dir="$data" \
  --vigie.roles=ingest,api --vigie.dicom.port=11197 --vigie.dicom.bind-address=127.0.0.1 --vigie.dicom.ae-title=ANY \
  --server.port=8095 --management.server.port=8094 --logging.level.root=WARN > "$data.log" 2>&1 &
pid=$!
for _ in $(seq 120); do echoscu -aec ANY 127.0.0.1 11197 >/dev/null 2>&1 && break; sleep 1; done
storescu -aet TRAINING -aec ANY 127.0.0.1 11197 $(find "$B/warm" -name '*.dcm' | sort) >/dev/null 2>&1
token=$(curl -s -X POST 'http://127.0.0.1:8095/dev-issuer/token?role=radiologist' | jq -r .access_token)
# The four requests of the DICOMweb bench, 200 times each, on the training corpus's largest series.
w=http://127.0.0.1:8095/dicomweb; auth="Authorization: Bearer $token"; dj=application/dicom+json
series=$(curl -s -H "$auth" "$w/series?limit=1000" | jq -c 'sort_by(.["00201209"].Value[0]) | last')
st=$(jq -r '.["0020000D"].Value[0]' <<<"$series"); se=$(jq -r '.["0020000E"].Value[0]' <<<"$series")
patient=$(jq -r '.["00100020"].Value[0]' <<<"$series")
sop=$(curl -s -H "$auth" "$w/studies/$st/series/$se/instances" | jq -r '.[length/2|floor]["00080018"].Value[0]')
for _ in $(seq 200); do
  curl -s -o /dev/null -H "$auth" -H "Accept: $dj" "$w/studies?PatientID=$patient"
  curl -s -o /dev/null -H "$auth" -H "Accept: $dj" "$w/studies/$st/series/$se/instances"
  curl -s -o /dev/null -H "$auth" -H 'Accept: multipart/related; type="application/dicom"' "$w/studies/$st/series/$se/instances/$sop"
  curl -s -o /dev/null -H "$auth" -H "Accept: $dj" "$w/studies/$st/series/$se/metadata"
done
kill $pid; wait $pid 2>/dev/null || true   # the cache is written as the JVM exits
grep -q "AOTCache creation is complete" "$data.log" || { tail -20 "$data.log" >&2; exit 1; }
ls -l "$OUT/vigie.aot"
