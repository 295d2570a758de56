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
VIGIE_CASE='      vigie)    port=11114; start vigie java -Dai.djl.offline=true -jar '"$JAR"' --vigie.data-dir=$O --vigie.dicom.port=$port --vigie.dicom.bind-address=127.0.0.1 --vigie.dicom.ae-title=ANY --server.port=8044 --logging.level.root=WARN;;'
VIGIE_COUNT='  vigie) find $O/archive -name "*.dcm" | wc -l;;'
VIGIE_INGEST='ingest "Vigie (de-id+fsync+index) <- storescu x1 [nodelay]" 1 vigie
ingest "Vigie (de-id+fsync+index) <- 4 parallel [nodelay]" 4 vigie
KEEP_VIGIE=1 ingest "Vigie (de-id+fsync+index) <- x1, kept for REST" 1 vigie'

patched="$B/peers-with-vigie.sh"
awk -v vcase="$VIGIE_CASE" -v vcount="$VIGIE_COUNT" -v vingest="$VIGIE_INGEST" '
  /^      dcmjs\)    port=11113/ { print; print vcase; next }
  /^count\(\)\{ case \$1 in orthanc\)/ { print; print vcount; next }
  /\[ "\$peer" = orthanc \] && \[ \$r = \$RUNS \]/ { print; print "    [ \"$peer\" = vigie ] && [ $r = $RUNS ] && [ \"${KEEP_VIGIE:-0}\" = 1 ] && { VIGIE_PID=$SP; VO=$O; continue; }"; next }
  /^KEEP=1 ingest "Orthanc fsync <- storescu x1 \[nodelay\]"/ { print vingest; print; next }
  /^stop; rm -rf \$OUTS/ { while ((getline line < "'"$ROOT"'/bench/vigie-rest.sh") > 0) print line; print; next }
  { print }' "$PEERS" > "$patched"
grep -q 'vigie)    port=11114' "$patched" && grep -q 'Vigie (de-id' "$patched" && grep -q 'Vigie REST' "$patched" \
  || { echo "peers.sh changed shape: could not add Vigie to it" >&2; exit 1; }
bash "$patched"
