#!/usr/bin/env bash
# Seconds per 300-slice CT of two builds of the detector, measured in the same minutes: the builds alternate, ROUNDS
# rounds of BenchmarkDetector (RUNS runs each, the first a warm-up), then the medians of every stage:
#   bash bench/detector-ab.sh a66ddd0 HEAD            # ROUNDS=3 RUNS=6 by default
#   ROUNDS=3 RUNS=16 SKIP=7 bash bench/detector-ab.sh a66ddd0 HEAD   # steady state: runs 1 to SKIP not counted either
# (the bench counts every run after its first; with SKIP the medians are those of a worker that has analysed SKIP + 1
# series since it started, whose stages around the model are compiled by then: docs/benchmarks.md, Detection)
# Each revision is built once in a git worktree under $WORK (default /tmp/vigie-detector-ab), kept for the next run
# (git worktree remove DIR when done). Needs ../shared/data, and a machine left quiet while it runs.
set -euo pipefail
[ $# = 2 ] || { echo "usage: $0 REVISION_A REVISION_B" >&2; exit 2; }
ROUNDS=${ROUNDS:-3}; RUNS=${RUNS:-6}; SKIP=${SKIP:-0}; WORK=${WORK:-/tmp/vigie-detector-ab}
repo=$(git rev-parse --show-toplevel); shared=$(cd "$repo/.." && pwd)/shared
mkdir -p "$WORK"
for rev in "$1" "$2"; do
  sha=$(git -C "$repo" rev-parse --short "$rev"); tree="$WORK/$sha"
  [ -d "$tree" ] || git -C "$repo" worktree add --detach "$tree" "$sha" >/dev/null
  if [ ! -s "$tree/classpath.txt" ]; then
    # One reactor build: the class path names the worktree's own modules (target/classes), nothing is installed.
    (cd "$tree" && ./mvnw -B -o -q -pl inference-service -am test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$tree/classpath.txt")
  fi
done
run() { # revision round
  local tree="$WORK/$(git -C "$repo" rev-parse --short "$1")"
  (cd "$tree/inference-service" && OPT_OUT_TRACKING=true java -Xms4g -Xmx4g -XX:+AlwaysPreTouch \
    -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dvigie.shared.dir="$shared" \
    -cp "target/test-classes:target/classes:$(cat "$tree/classpath.txt")" \
    io.vigie.inference.training.BenchmarkDetector "$RUNS" 300 2>/dev/null) \
    | grep -E '^(run|[0-9]+) \|' > "$WORK/$(git -C "$repo" rev-parse --short "$1").$2.txt"
}
for rev in "$1" "$2"; do rm -f "$WORK/$(git -C "$repo" rev-parse --short "$rev")".*.txt; done # an earlier run's rounds
for round in $(seq "$ROUNDS"); do run "$1" "$round"; run "$2" "$round"; done
for rev in "$1" "$2"; do
  sha=$(git -C "$repo" rev-parse --short "$rev")
  /usr/bin/python3 - "$sha" "$SKIP" "$WORK"/"$sha".*.txt <<'EOF'
import statistics, sys
name, skip, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
header, rows = None, []
for f in files:
    for line in open(f):
        cells = [c.strip() for c in line.split('|')]
        if cells[0] == 'run':
            header = cells
        elif int(cells[0]) > skip:
            rows.append(cells)
def column(label):
    return [float(r[header.index(label)].rstrip(' %')) for r in rows]
stages = [h for h in header if h.endswith(' s')]
print(name, len(rows), 'runs' + (' (after %d more not counted)' % skip if skip else '') + ', medians:', ', '.join('%s %.3f' % (h[:-2], statistics.median(column(h))) for h in stages))
total, model = column('total s'), column('model s')
shares = [m / t for m, t in zip(model, total)]
print('  model share %.0f %% (%.0f to %.0f), overhead %.2f s, total %.2f to %.2f s' % (
    100 * statistics.median(shares), 100 * min(shares), 100 * max(shares),
    statistics.median([t - m for t, m in zip(total, model)]), min(total), max(total)))
EOF
done
