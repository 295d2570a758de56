#!/usr/bin/env bash
# WADO-RS one instance, split into curl's phases (connect, first byte, last byte), for two settings of the same build
# and Orthanc, all three up at once and called in turn (5 rounds of 20 after WARM calls each), on the 100-instance
# series of the bench corpus. For example the socket write buffer:
#   bash bench/wado-phases.sh "--vigie.dicomweb.socket-write-buffer=8KB" "--vigie.dicomweb.socket-write-buffer=128KB"
# JAR (default web-api/target/vigie.jar) and JAR_B (default JAR) choose the builds. Needs the corpus that
# bench/ingest-vs-peers.sh leaves in /tmp/peers, dcmtk, Orthanc with its DICOMweb plugin, curl and jq.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd); JAR=${JAR:-$ROOT/web-api/target/vigie.jar}; JAR_B=${JAR_B:-$JAR}; B=/tmp/peers
O=$(mktemp -d); cat > $O/o.json <<J
{"Name":"bench","StorageDirectory":"$O","IndexDirectory":"$O","DicomAet":"ORTHANC","DicomPort":4242,"HttpPort":8042,
 "RemoteAccessAllowed":false,"AuthenticationEnabled":false,"DicomCheckCalledAet":false,"SyncStorageArea":true,
 "Plugins":["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"],"DicomWeb":{"Enable":true,"Root":"/dicom-web/","Host":"127.0.0.1"}}
J
Orthanc $O/o.json > $O.log 2>&1 & PIDS=($!)
trap 'kill ${PIDS[*]} 2>/dev/null; wait' EXIT
declare -A URL TOK
start(){ local p=$1 jar=$2 d; d=$(mktemp -d); shift 2
  java ${JAVA_OPTS:-} -Dai.djl.offline=true -jar "$jar" --vigie.data-dir="$d" --vigie.roles=ingest,api --vigie.dicom.port=$((p+3000)) \
  --vigie.dicom.bind-address=127.0.0.1 --vigie.dicom.ae-title=ANY --server.port=$p --management.server.port=$((p+1)) --logging.level.root=WARN "$@" > $d.log 2>&1 & PIDS+=($!); }
start 8071 $JAR $1; start 8081 $JAR_B $2
files=$(sed -n 101,200p $B/files.txt)
for p in 8071 8081; do
  for _ in $(seq 120); do echoscu -aec ANY 127.0.0.1 $((p+3000)) >/dev/null 2>&1 && break; sleep 1; done
  storescu -aet BENCHSCU -aec ANY 127.0.0.1 $((p+3000)) $files >/dev/null 2>&1
  T=$(curl -s -X POST "http://127.0.0.1:$p/dev-issuer/token?role=radiologist" | jq -r .access_token); TOK[$p]="Authorization: Bearer $T"
  w=http://127.0.0.1:$p/dicomweb
  s=$(curl -s -H "${TOK[$p]}" "$w/series?limit=10" | jq -c 'sort_by(.["00201209"].Value[0]) | last')
  st=$(jq -r '.["0020000D"].Value[0]' <<<"$s"); se=$(jq -r '.["0020000E"].Value[0]' <<<"$s")
  sop=$(curl -s -H "${TOK[$p]}" "$w/studies/$st/series/$se/instances" | jq -r '.[length/2|floor]["00080018"].Value[0]')
  URL[$p]="$w/studies/$st/series/$se/instances/$sop"
done
storescu -aet BENCHSCU -aec ORTHANC 127.0.0.1 4242 $files >/dev/null 2>&1
OW=http://127.0.0.1:8042/dicom-web
ost=$(curl -s "$OW/studies" | jq -r '.[0]["0020000D"].Value[0]'); ose=$(curl -s "$OW/studies/$ost/series" | jq -r '.[0]["0020000E"].Value[0]')
osop=$(curl -s "$OW/studies/$ost/series/$ose/instances" | jq -r '.[length/2|floor]["00080018"].Value[0]')
URL[o]="$OW/studies/$ost/series/$ose/instances/$osop"; TOK[o]="X-None: 1"
MP='multipart/related; type="application/dicom"'
F='%{time_connect} %{time_starttransfer} %{time_total} %{size_download}\n'
call(){ for _ in $(seq $2); do curl -s -o /dev/null -H "${TOK[$1]}" -H "Accept: $MP" -w "$F" "${URL[$1]}"; done; }
for k in 8071 8081 o; do call $k ${WARM:-600} >/dev/null; done
R=$(mktemp -d); for _ in $(seq ${ROUNDS:-5}); do for k in 8071 8081 o; do call $k 20 >> $R/$k; done; done
med(){ cut -d" " -f$2 $1 | sort -g | awk '{a[NR]=$1} END{printf "%.2f", a[int((NR+1)/2)]*1000}'; }
declare -A NAME=([8071]="Vigie A" [8081]="Vigie B" [o]="Orthanc")
echo "median ms of $(wc -l < $R/o) calls: connect, first byte, last byte"
for k in 8071 8081 o; do printf "%-8s %6s %6s %6s  (%s bytes)\n" "${NAME[$k]}" "$(med $R/$k 1)" "$(med $R/$k 2)" "$(med $R/$k 3)" "$(head -1 $R/$k | cut -d' ' -f4)"; done
echo "A: $1"; echo "B: $2"; echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
