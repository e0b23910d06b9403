#!/bin/sh
# Benchmarks the csv and xlsx exports against PostgreSQL's COPY of the same SQL; see docs/benchmarks.md.
# Usage: bench/export-benchmark.sh ROWS [HEAP]   (run from the repository root)
# The compiled classes are copied first, so that a build during the run does not disturb it.
set -eu
rows=${1:?number of Server rows}
heap=${2:-256m}
work=${BENCH_DIR:-target/export-benchmark}
mkdir -p "$work"
mvn -B -q -o -pl itop-core -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$work/classpath.txt" -Dmdep.includeScope=test >/dev/null
rm -rf "$work/classes"
mkdir -p "$work/classes"
cp -r itop-core/target/classes "$work/classes/core"
cp -r itop-core/target/test-classes "$work/classes/core-test"
cp -r itop-paramfile/target/classes "$work/classes/paramfile"
exec java -Xmx"$heap" ${BENCH_JAVA_OPTIONS:-} \
    -cp "$work/classes/core-test:$work/classes/core:$work/classes/paramfile:$(cat "$work/classpath.txt")" \
    io.github.itopdata.core.export.ExportBenchmark "$rows"
