#!/usr/bin/env bash
# One association, the 300-instance corpus of ../shared/bench/peers.sh: the rate of a fresh Vigie, then of the same
# server once it has stored another 300 instances (JIT-compiled). For comparing two builds on the same minute:
#   bash bench/vigie-fresh-and-warm.sh old.jar web-api/target/vigie.jar
# JAVA (default java) and JAVA_OPTS choose the JVM and its options, e.g. an AOT cache from bench/aot-cache.sh.
# Needs the corpus and the warm-up corpus that bench/ingest-vs-peers.sh leaves in $B (default /tmp/peers).
# storescu runs with TCP_NODELAY=1, as peers.sh's [nodelay] passes do (before 2026-12-03 it did not: with Nagle on
# the sender, a one-association pass here took 86 and 78 inst/s fresh and warm, against 138 and 166 with it off).
set -euo pipefail
B=${B:-/tmp/peers}
[ -s "$B/files.txt" ] && [ -d "$B/warm" ] || { echo "run bench/ingest-vs-peers.sh first (it makes $B/files.txt and $B/warm)" >&2; exit 1; }
rate(){ local s e; s=$(date +%s%N); TCP_NODELAY=1 storescu -aet BENCHSCU -aec ANY 127.0.0.1 11198 "$@" >/dev/null 2>&1; e=$(date +%s%N)
  awk -v n=$# -v ns=$((e - s)) 'BEGIN{printf "%.1f", n / (ns / 1e9)}'; }
. "$(dirname "$0")/vigie-lib.sh"
for jar in "$@"; do
  start_vigie "$jar" 8097 11198
  fresh=$(rate $(cat "$B/files.txt"))
  warm=$(rate $(find "$B/warm" -name '*.dcm' | sort))
  echo "$jar: accepting after $VIGIE_UP_MS ms, fresh $fresh inst/s, warm $warm inst/s (stored $(find "$VIGIE_DATA/archive" -name '*.dcm' | wc -l))"
  stop_vigie $VIGIE_PID "$VIGIE_DATA"
done
