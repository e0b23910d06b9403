#!/bin/sh
# Benchmarks synchro_import with synchronize=1 against PostgreSQL's COPY of the same feed; see docs/benchmarks.md.
# Usage: bench/synchro-benchmark.sh ROWS [HEAP]   (run from the repository root)
set -eu
rows=${1:?number of Server rows}
heap=${2:-256m}
shared=${ITOP_SHARED_DIR:-../shared}
work=${BENCH_DIR:-target/synchro-benchmark}
mkdir -p "$work"
work=$(cd "$work" && pwd)
python3 "$shared/tools/gen-cmdb-csv.py" --rows "$rows" --seed 1 --out "$work/base-$rows" --quiet
python3 "$shared/tools/gen-cmdb-csv.py" --rows "$rows" --seed 2 --base-seed 1 --change-percent 10 \
    --new-percent 5 --missing-percent 5 --out "$work/derived-$rows" --quiet
mvn -B -q -o -pl itop-core -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test >/dev/null
exec java -Xmx"$heap" -cp "itop-core/target/test-classes:itop-core/target/classes:$(cat "$work/classpath.txt")" \
    io.github.itopdata.core.synchro.SynchroBenchmark "$work/base-$rows" "$work/derived-$rows"
