#!/bin/sh
# Benchmarks the CSV import against PostgreSQL's COPY of the same file; see docs/benchmarks.md.
# Usage: bench/import-benchmark.sh ROWS [HEAP]   (run from the repository root)
set -eu
rows=${1:?number of Server rows}
heap=${2:-256m}
shared=${ITOP_SHARED_DIR:-../shared}
work=${BENCH_DIR:-target/import-benchmark}
mkdir -p "$work"
work=$(cd "$work" && pwd)
python3 "$shared/tools/gen-cmdb-csv.py" --rows "$rows" --seed 1 --out "$work/base-$rows" --quiet
python3 "$shared/tools/gen-cmdb-csv.py" --rows "$rows" --seed 2 --base-seed 1 --change-percent 10 \
    --new-percent 5 --out "$work/derived-$rows" --quiet
mvn -B -q -o -pl itop-core -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test >/dev/null
exec java -Xmx"$heap" -cp "itop-core/target/test-classes:itop-core/target/classes:$(cat "$work/classpath.txt")" \
    io.github.itopdata.core.imports.ImportBenchmark "$work/base-$rows" "$work/derived-$rows"
