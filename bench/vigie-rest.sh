# (spliced into the copy of peers.sh by ingest-vs-peers.sh, after Orthanc's REST lines)
# Vigie's DICOMweb latencies on the same corpus, same instance, same curl loop as Orthanc's.
VW=http://127.0.0.1:8044/dicomweb
VT=$(curl -s -X POST 'http://127.0.0.1:8044/dev-issuer/token?role=radiologist' | jq -r .access_token)
# The largest series (QIDO-RS /series returns its study's UID and NumberOfSeriesRelatedInstances), and an instance
# from its middle: the corpus's 100-instance series.
VBIG=$(curl -s -H "Authorization: Bearer $VT" "$VW/series?limit=1000" | jq -c 'sort_by(.["00201209"].Value[0]) | last')
VST=$(jq -r '.["0020000D"].Value[0]' <<<"$VBIG")
VSE=$(jq -r '.["0020000E"].Value[0]' <<<"$VBIG")
VSOP=$(curl -s -H "Authorization: Bearer $VT" "$VW/studies/$VST/series/$VSE/instances" | jq -r '.[length/2|floor]["00080018"].Value[0]')
VPID=$(jq -r '.["00100020"].Value[0]' <<<"$VBIG")
vrest(){ local ts=() c t s; for _ in $(seq 20); do
    read c t s < <(curl -s -o /dev/null -H "Authorization: Bearer $VT" -H "Accept: $3" -w '%{http_code} %{time_total} %{size_download}\n' "$2"); ts+=($t); done
  printf "%-46s %7.1f ms  http %s, %s bytes  [min %.1f max %.1f]\n" "$1" $(awk -v m=$(med "${ts[@]}") 'BEGIN{print m*1000}') \
    $c $s $(printf '%s\n' "${ts[@]}" | sort -g | awk 'NR==1{a=$1} END{print a*1000, $1*1000}') | tee -a $TAB; }
printf "\n== Vigie REST with corpus loaded (median of 20, bearer token)\n" | tee -a $TAB
vrest "Vigie REST QIDO /studies?PatientID=<pseudonym>" "$VW/studies?PatientID=$VPID" application/dicom+json
vrest "Vigie REST QIDO /studies/{st}/series/{se}/instances" "$VW/studies/$VST/series/$VSE/instances" application/dicom+json
vrest "Vigie REST WADO-RS one instance (multipart)" "$VW/studies/$VST/series/$VSE/instances/$VSOP" 'multipart/related; type="application/dicom"'
vrest "Vigie REST WADO-RS series metadata" "$VW/studies/$VST/series/$VSE/metadata" application/dicom+json
# Both servers again after 500 calls of each request: a JVM's first calls run interpreted code, and a server that has
# been up for a while has compiled them. Orthanc (native code) gets the same warm-up, so the two stay comparable.
# Each server is warmed and measured before the other is warmed: the JIT compiling what Vigie's warm-up ran would
# otherwise slow the Orthanc calls measured beside it on these 2 cores.
MP='multipart/related; type="application/dicom"'; DJ=application/dicom+json
warmup(){ for _ in $(seq 500); do curl -s -o /dev/null "$@"; done; }
warmup -H "Accept: $DJ" "$W/studies?PatientID=BENCH0001"; warmup -H "Accept: $DJ" "$W/studies/$ST/series/$SE/instances"
warmup -H "Accept: $MP" "$W/studies/$ST/series/$SE/instances/$SOP"; warmup -H "Accept: $DJ" "$W/studies/$ST/series/$SE/metadata"
printf "\n== Orthanc REST after 500 calls of each request (median of 20)\n" | tee -a $TAB
rest "QIDO /studies?PatientID=BENCH0001 (warm)" "$W/studies?PatientID=BENCH0001" $DJ
rest "QIDO /studies/{st}/series/{se}/instances (warm)" "$W/studies/$ST/series/$SE/instances" $DJ
rest "WADO-RS one instance (multipart) (warm)" "$W/studies/$ST/series/$SE/instances/$SOP" "$MP"
rest "WADO-RS series metadata (warm)" "$W/studies/$ST/series/$SE/metadata" $DJ
VA="Authorization: Bearer $VT"
vwarm(){ local n=$1 _; for _ in $(seq $n); do curl -s -o /dev/null -H "$VA" -H "Accept: $DJ" "$VW/studies?PatientID=$VPID"; done
  for _ in $(seq $n); do curl -s -o /dev/null -H "$VA" -H "Accept: $DJ" "$VW/studies/$VST/series/$VSE/instances"; done
  for _ in $(seq $n); do curl -s -o /dev/null -H "$VA" -H "Accept: $MP" "$VW/studies/$VST/series/$VSE/instances/$VSOP"; done
  for _ in $(seq $n); do curl -s -o /dev/null -H "$VA" -H "Accept: $DJ" "$VW/studies/$VST/series/$VSE/metadata"; done; }
vrows(){ vrest "Vigie REST QIDO /studies?PatientID=<pseudonym> ($1)" "$VW/studies?PatientID=$VPID" $DJ
  vrest "Vigie REST QIDO .../instances ($1)" "$VW/studies/$VST/series/$VSE/instances" $DJ
  vrest "Vigie REST WADO-RS one instance ($1)" "$VW/studies/$VST/series/$VSE/instances/$VSOP" "$MP"
  vrest "Vigie REST WADO-RS series metadata ($1)" "$VW/studies/$VST/series/$VSE/metadata" $DJ; }
vwarm 500
printf "\n== Vigie REST after 500 calls of each request (median of 20, bearer token)\n" | tee -a $TAB
vrows warm
# Vigie once more after LONG_WARM (default 5000) further calls of each: on two cores the JIT is still compiling the
# framework's code after 500, and C2 reaches methods called once a request after about 5,000 calls. Orthanc is not
# warmed further: native code, its figures after 500 calls are already those of a server that has been up for days.
LW=${LONG_WARM:-5000}
if [ "$LW" -gt 0 ]; then
  vwarm $LW
  printf "\n== Vigie REST after $((LW + 500)) calls of each request (median of 20, bearer token)\n" | tee -a $TAB
  vrows "long warm"
fi
kill $VIGIE_PID 2>/dev/null; wait $VIGIE_PID 2>/dev/null || true
