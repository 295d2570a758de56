#!/usr/bin/env bash
# Measures Vigie's C-STORE ingest in the same run as the peers of ../shared/bench/peers.sh (dcmtk storescp, Orthanc,
# dcmjs-dimse), on the same 300-instance corpus, then Vigie's DICOMweb latencies beside Orthanc's.
#
# peers.sh is read in place; this script runs a copy of it (under $B, never in the repository) into which it adds
# Vigie as one more peer: `ingest "Vigie ..." N vigie` lines before the REST section, and Vigie's REST lines after.
# Only the last run of the kept Vigie line stays up for the REST section (as peers.sh does for Orthanc): keeping an
# earlier run left its port taken, so the next run stored into the first run's folder and counted 0.
#
# Usage: [INSTALL=1] [RUNS=3] bash bench/ingest-vs-peers.sh        (from the repository root; builds the jar first)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEERS=${PEERS:-$ROOT/../shared/bench/peers.sh}
export B=${B:-/tmp/peers}
mkdir -p "$B"
[ -f "$ROOT/web-api/target/vigie.jar" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
JAR="$ROOT/web-api/target/vigie.jar"

# Vigie as a peer: its own fresh data folder (archive files, embedded PostgreSQL) per run, AE title ANY as peers.sh
# calls every peer; counted by the .dcm files in its archive. TCP_NODELAY is always on in Vigie.
VIGIE_CASE='      vigie)    port=11114; start vigie java -Dai.djl.offline=true -jar '"$JAR"' --vigie.data-dir=$O --vigie.dicom.port=$port --vigie.dicom.bind-address=127.0.0.1 --vigie.dicom.ae-title=ANY --server.port=8044 --vigie.roles=ingest,api --logging.level.root=WARN;;'
VIGIE_COUNT='  vigie|vigiewarm) find $O/archive -name "*.dcm" | wc -l;;'
# Vigie warm: the same server first stores another 300-instance corpus (other UIDs, generated like the timed one),
# so that the timed pass runs JIT-compiled code, as a gateway that has been up for a while does. peers.sh starts
# every peer fresh for each pass, which for a JVM measures its first seconds; both figures are reported.
VIGIE_WARM_CASE='      vigiewarm) port=11114; start vigie java -Dai.djl.offline=true -jar '"$JAR"' --vigie.data-dir=$O --vigie.dicom.port=$port --vigie.dicom.bind-address=127.0.0.1 --vigie.dicom.ae-title=ANY --server.port=8044 --vigie.roles=ingest,api --logging.level.root=WARN; echo_wait $port ANY && storescu -aet WARMUP -aec ANY 127.0.0.1 $port $(find $B/warm -name "*.dcm" | sort) >> $L/storescu.log 2>&1;;'
WARM_CORPUS='[ "$(find $B/warm -name "*.dcm" 2>/dev/null | wc -l)" = $((NSER*NPER)) ] || { rm -rf $B/warm; sed s/bench-peers-v1/vigie-warm-up-v1/ $B/gen_corpus.py > $B/gen_warm.py; /usr/bin/python3 $B/gen_warm.py $B/warm $NSER $NPER; }'
VIGIE_INGEST='ingest "Vigie (de-id+fsync+index) <- storescu x1 [nodelay]" 1 vigie
ingest "Vigie (de-id+fsync+index) <- 4 parallel [nodelay]" 4 vigie
EXP=$((2*N)) ingest "Vigie warm (after 300 others) <- x1 [nodelay]" 1 vigiewarm
EXP=$((2*N)) ingest "Vigie warm (after 300 others) <- 4 parallel" 4 vigiewarm
KEEP_VIGIE=1 ingest "Vigie (de-id+fsync+index) <- x1, kept for REST" 1 vigie'

patched="$B/peers-with-vigie.sh"
awk -v vcase="$VIGIE_CASE" -v vwarm="$VIGIE_WARM_CASE" -v vcount="$VIGIE_COUNT" -v vingest="$VIGIE_INGEST" \
    -v wcorpus="$WARM_CORPUS" '
  /^      dcmjs\)    port=11113/ { print; print vcase; print vwarm; next }
  /gen_corpus.py \$C \$NSER \$NPER; }$/ { print; print wcorpus; next }
  /^count\(\)\{ case \$1 in orthanc\)/ { print; print vcount; next }
  /\[ "\$peer" = orthanc \] && \[ \$r = \$RUNS \]/ { print; print "    [ \"$peer\" = vigie ] && [ $r = $RUNS ] && [ \"${KEEP_VIGIE:-0}\" = 1 ] && { VIGIE_PID=$SP; VO=$O; continue; }"; next }
  /^KEEP=1 ingest "Orthanc fsync <- storescu x1 \[nodelay\]"/ { print vingest; print; next }
  /^stop; rm -rf \$OUTS/ { while ((getline line < "'"$ROOT"'/bench/vigie-rest.sh") > 0) print line; print; next }
  { print }' "$PEERS" > "$patched"
grep -q 'vigie)    port=11114' "$patched" && grep -q 'Vigie (de-id' "$patched" && grep -q 'Vigie REST' "$patched" \
  && grep -q 'gen_warm.py' "$patched" && grep -q 'vigiewarm) port' "$patched" \
  || { echo "peers.sh changed shape: could not add Vigie to it" >&2; exit 1; }
bash "$patched"
