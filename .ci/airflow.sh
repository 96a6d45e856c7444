#!/usr/bin/env bash
# The generated Airflow DAGs, checked by Airflow itself: for Airflow 3.3 and 2.11 (each in a cached
# virtualenv, see airflow-venv.sh), for both operators, generates the DAGs of .ci/pipeline.yml and
# imports them with DagBag (check_dags.py): no import errors, tasks, edges and commands equal to
# `roundtrip pipeline show --format json`. Prints the seconds of each step.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
AIRFLOW_VERSIONS=(${AIRFLOW_VERSIONS:-3.3.2 2.11.2})
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
step() { echo "ci: $1: $(( SECONDS - STEP_START )) s"; STEP_START=$SECONDS; }
STEP_START=$SECONDS

./roundtrip pipeline show --config .ci/pipeline.yml --format json > "$WORK/graph.json"
./roundtrip pipeline show --config .ci/pipeline.yml
step "job graph"

for version in "${AIRFLOW_VERSIONS[@]}"; do
  venv="$(.ci/airflow-venv.sh "$version")"
  step "Airflow $version virtualenv"
  for operator in spark-submit bash; do
    dags="$WORK/dags-$version-$operator"
    ./roundtrip dag generate --config .ci/pipeline.yml --airflow "${version%%.*}" --operator "$operator" \
      --task-config /etc/roundtrip/roundtrip.yml --jar /opt/roundtrip/roundtrip-cluster.jar --out "$dags" >/dev/null
    AIRFLOW_HOME="$WORK/airflow-home-$version" AIRFLOW__CORE__LOAD_EXAMPLES=False \
      "$venv/bin/python" .ci/check_dags.py "$dags" "$WORK/graph.json" 2> "$WORK/airflow.log" \
      || { cat "$WORK/airflow.log" >&2; exit 1; }
    step "Airflow $version DagBag, $operator DAGs"
  done
done
