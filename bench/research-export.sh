#!/usr/bin/env bash
# The research API on the two LIDC-IDRI cases (28 CT slices, read in place from ../shared/data): latency of a
# findings page and of cohort counts, and the time and size of the streamed cohort export, median of RUNS each.
# Vigie runs from the packaged jar (./mvnw -B -DskipTests package), embedded PostgreSQL, in a fresh data folder; the
# findings rows are written with psql, as the detection worker would write them.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-20}
SHARED=${SHARED:-../shared}
JAR=web-api/target/vigie.jar
DATA=$(mktemp -d)
HTTP=8047; DICOM=11147; MGMT=8147
export OPT_OUT_TRACKING=true
java -jar "$JAR" --vigie.data-dir="$DATA" --server.port=$HTTP --vigie.dicom.port=$DICOM \
     --management.server.port=$MGMT --vigie.sites.local.research-consent=true > "$DATA/vigie.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
until curl -sf "http://127.0.0.1:$MGMT/actuator/health" > /dev/null; do sleep 1; done

storescu -aec VIGIE 127.0.0.1 $DICOM "$SHARED"/data/lidc-idri/LIDC-IDRI-000{1,2}/ct/*.dcm
PGPORT=$(grep -o 'embedded PostgreSQL 17 on port [0-9]*' "$DATA/vigie.log" | awk '{print $NF}')
psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres <<'SQL'
insert into analysis (series_fk, series_revision, model_name, model_version, status)
  select pk, revision, 'bench-detector', '1.0', 'analysed' from series;
insert into finding (analysis_fk, tracking_uid, tracking_id, centre_x_mm, centre_y_mm, centre_z_mm, diameter_mm,
                     volume_mm3, probability)
  select a.id, '2.25.' || a.id || n, 'nodule ' || n, 56.2, 86.3, -115.9, 4 + n, 100 * n, 0.5
    from analysis a, generate_series(1, 10) n;
SQL

TOKEN=$(curl -s -X POST "http://127.0.0.1:$HTTP/dev-issuer/token?role=researcher" | jq -r .access_token)
med(){ printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure(){ local ts=() line code time size; for _ in $(seq "$RUNS"); do
    line=$(curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -w '%{http_code} %{time_total} %{size_download}' "$2")
    read -r code time size <<<"$line"; ts+=("$time"); done
  local m; m=$(med "${ts[@]}")
  printf "%-44s %8.1f ms  http %s, %s bytes%s\n" "$1" "$(awk -v m="$m" 'BEGIN{print m*1000}')" "$code" "$size" \
    "$(awk -v m="$m" -v s="$size" 'BEGIN{if (s > 1e6) printf ", %.0f MB/s", s/m/1e6}')"; }
API="http://127.0.0.1:$HTTP/api/research"
measure "findings, one page of 100 (20 of them)" "$API/findings?model=bench-detector&limit=100"
measure "cohort counts" "$API/cohort/counts?model=bench-detector"
measure "cohort export (28 instances + findings)" "$API/cohort/export?model=bench-detector"
