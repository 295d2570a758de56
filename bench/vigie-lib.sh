# Sourced by the bench scripts that start their own Vigie (vigie-fresh-and-warm.sh, vigie-rest-ab.sh,
# vigie-first-calls.sh), so that they start it, and pick the request targets, in one way.
# (bench/vigie-rest.sh is spliced into a copy of peers.sh and stays on its own.)

# start_vigie JAR HTTP_PORT DICOM_PORT [Vigie arguments...]: a fresh Vigie in a data folder of its own, roles
# ingest and api, AE title ANY on loopback, its management port HTTP_PORT + 1; JAVA (default java) and JAVA_OPTS
# choose the JVM and its options. Returns once it answers C-ECHO (at most 2 minutes), with VIGIE_PID, VIGIE_DATA
# (removed by stop_vigie) and VIGIE_UP_MS (how long it took to accept associations) set.
start_vigie() {
  local jar=$1 http=$2 dicom=$3 started; shift 3
  VIGIE_DATA=$(mktemp -d); started=$(date +%s%N)
  # shellcheck disable=SC2086 # JAVA_OPTS is a word list
  ${JAVA:-java} ${JAVA_OPTS:-} -Dai.djl.offline=true -jar "$jar" --vigie.data-dir="$VIGIE_DATA" \
    --vigie.roles=ingest,api --vigie.dicom.port="$dicom" --vigie.dicom.bind-address=127.0.0.1 \
    --vigie.dicom.ae-title=ANY --server.port="$http" --management.server.port=$((http + 1)) \
    --logging.level.root=WARN "$@" > "$VIGIE_DATA.log" 2>&1 &
  VIGIE_PID=$!
  for _ in $(seq 1200); do echoscu -aec ANY 127.0.0.1 "$dicom" >/dev/null 2>&1 && break; sleep 0.1; done
  VIGIE_UP_MS=$(( ($(date +%s%N) - started) / 1000000 ))
}

# stop_vigie PID DATA: stops that Vigie and removes its data folder and log.
stop_vigie() {
  kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; rm -rf "$2" "$2.log"
}

# dev_token HTTP_PORT: a radiologist's token from the development issuer of the embedded run.
dev_token() {
  curl -s -X POST "http://127.0.0.1:$1/dev-issuer/token?role=radiologist" | jq -r .access_token
}

# bench_targets HTTP_PORT TOKEN: "STUDY SERIES PATIENT SOP" of the largest series stored (QIDO-RS /series gives its
# study and NumberOfSeriesRelatedInstances) and of an instance from its middle: the corpus's 100-instance series.
bench_targets() {
  local w=http://127.0.0.1:$1/dicomweb series st se
  series=$(curl -s -H "Authorization: Bearer $2" "$w/series?limit=1000" | jq -c 'sort_by(.["00201209"].Value[0]) | last')
  st=$(jq -r '.["0020000D"].Value[0]' <<<"$series"); se=$(jq -r '.["0020000E"].Value[0]' <<<"$series")
  echo "$st" "$se" "$(jq -r '.["00100020"].Value[0]' <<<"$series")" \
    "$(curl -s -H "Authorization: Bearer $2" "$w/studies/$st/series/$se/instances" | jq -r '.[length/2|floor]["00080018"].Value[0]')"
}
