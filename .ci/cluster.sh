#!/usr/bin/env bash
# The cluster jar on a real Spark standalone cluster: installs Spark ${SPARK_VERSION} (pyspark from
# PyPI ships spark-submit, spark-class and all of Spark's jars) into a cached virtualenv, starts a
# master and a worker on 127.0.0.1, spark-submits the load and the models of a demo archive, runs
# the same commands in local mode with ./roundtrip, and compares every table of the two
# warehouses (compare_tables.py). The cluster is stopped on every exit (trap).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
SPARK_VERSION="${SPARK_VERSION:-$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' pom.xml)}"
JAR="$ROOT/spark-jobs/target/roundtrip-spark-jobs-0.1.0-SNAPSHOT-cluster.jar"
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
step() { echo "ci: $1: $(( SECONDS - STEP_START )) s"; STEP_START=$SECONDS; }
STEP_START=$SECONDS

./roundtrip --version >/dev/null   # builds the application (and the cluster jar) when sources changed
[[ -f "$JAR" ]] || { echo "cluster: $JAR is missing" >&2; exit 1; }
VENV="$(.ci/spark-venv.sh "$SPARK_VERSION")"
export SPARK_HOME="$("$VENV/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_LOG_DIR="$WORK/spark-logs" SPARK_WORKER_DIR="$WORK/spark-work" SPARK_LOCAL_IP=127.0.0.1
step "Spark $SPARK_VERSION distribution"

port() { "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
MASTER_PORT="$(port)"
MASTER="spark://127.0.0.1:$MASTER_PORT"
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$MASTER_PORT" \
  --webui-port "$(port)" > "$WORK/master.log" 2>&1 &
PIDS+=($!)
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker "$MASTER" --host 127.0.0.1 --cores 2 \
  --memory 2g --webui-port "$(port)" > "$WORK/worker.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do
  grep -q "Registered worker\|Successfully registered with master" "$WORK/master.log" "$WORK/worker.log" 2>/dev/null && break
  sleep 1
done
grep -q "Successfully registered with master" "$WORK/worker.log" || { cat "$WORK/master.log" "$WORK/worker.log" >&2; exit 1; }
step "standalone master and worker on 127.0.0.1"

# 30 days: the LTV fit needs repeat purchases spread over time (14 days of 20,000 events do not identify it)
./roundtrip generate-events --out "$WORK/archive" --events "${CLUSTER_EVENTS:-20000}" --days 30 >/dev/null
ARCHIVE="$WORK/archive/segment-logs/js-web"
step "demo archive"

submit() {
  "$SPARK_HOME/bin/spark-submit" --master "$MASTER" --deploy-mode client \
    --class io.roundtrip.app.cli.RoundtripCommand \
    --conf spark.executor.memory=1g --conf spark.executor.cores=2 \
    --conf spark.driver.extraJavaOptions=-XX:+UseParallelGC --conf spark.executor.extraJavaOptions=-XX:+UseParallelGC \
    "$JAR" "$@" --warehouse "$WORK/cluster-warehouse"
}
# Spark's and Delta's own log goes to a file, shown when a command fails
quiet() {
  local log="$WORK/$1.log"; shift
  "$@" 2> "$log" || { echo "cluster: failed: $*" >&2; tail -50 "$log" >&2; exit 1; }
}
quiet cluster-load submit load --source demo --input "$ARCHIVE"
step "spark-submit load"
quiet cluster-models submit models run all --source demo
step "spark-submit models"

quiet local-load ./roundtrip load --source demo --input "$ARCHIVE" --warehouse "$WORK/local-warehouse"
quiet local-models ./roundtrip models run all --source demo --warehouse "$WORK/local-warehouse"
step "local-mode load and models"

# every table as JSON lines, in one query per warehouse
dump() {
  local warehouse="$1" sql=""
  for dir in "$warehouse"/demo/* "$warehouse"/demo_models/*; do
    [[ -d "$dir/_delta_log" ]] || continue
    local table="$(basename "$(dirname "$dir")").$(basename "$dir")"
    sql+="${sql:+ UNION ALL }SELECT '$table' AS t, to_json(struct(*)) AS j FROM $table"
  done
  ./roundtrip query --warehouse "$warehouse" --format csv "$sql"
}
quiet dump-cluster dump "$WORK/cluster-warehouse" > "$WORK/cluster.csv"
quiet dump-local dump "$WORK/local-warehouse" > "$WORK/local.csv"
"$VENV/bin/python" .ci/compare_tables.py "$WORK/local.csv" "$WORK/cluster.csv"
step "tables compared"
