#!/bin/sh
# Benchmarks the csv and xlsx exports against PostgreSQL's COPY of the same SQL; see docs/benchmarks.md.
# Usage: bench/export-benchmark.sh ROWS [HEAP]   (run from the repository root)
set -eu
rows=${1:?number of Server rows}
heap=${2:-256m}
work=${BENCH_DIR:-target/export-benchmark}
mkdir -p "$work"
mvn -B -q -o -pl itop-core -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$work/classpath.txt" -Dmdep.includeScope=test >/dev/null
exec java -Xmx"$heap" ${BENCH_JAVA_OPTIONS:-} -cp "itop-core/target/test-classes:itop-core/target/classes:itop-paramfile/target/classes:$(cat "$work/classpath.txt")" \
    io.github.itopdata.core.export.ExportBenchmark "$rows"
