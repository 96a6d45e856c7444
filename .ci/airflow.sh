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

# Airflow running the real CLI: a BashOperator DAG generated for a demo archive, its load and
# identity tasks run by `airflow tasks test` (Airflow 3, a SQLite metadata database) for the logical
# date 2026-01-02. Airflow 3 gives a manual run of a data-interval timetable the interval that ended
# then, 2026-01-01 to 2026-01-02, so the load must have read the archive folder of 2026-01-01 only.
venv="$(.ci/airflow-venv.sh "${AIRFLOW_VERSIONS[0]}")"
demo="$WORK/demo"
./roundtrip generate-events --out "$demo/archive" --events 6000 --days 3 --start-day 2026-01-01 >/dev/null
cat > "$demo/roundtrip.yml" <<YML
warehouse: {path: $demo/warehouse}
sources: {demo: {input: $demo/archive/segment-logs/js-web}}
pipeline: {dag_id: roundtrip_demo, start_date: 2026-01-01, retries: 0}
YML
./roundtrip dag generate --config "$demo/roundtrip.yml" --operator bash --roundtrip "$PWD/roundtrip" \
  --out "$demo/dags" >/dev/null
export AIRFLOW_HOME="$WORK/airflow-tasks-test" AIRFLOW__CORE__DAGS_FOLDER="$demo/dags" AIRFLOW__CORE__LOAD_EXAMPLES=False
"$venv/bin/airflow" db migrate > "$WORK/airflow-db.log" 2>&1 || { cat "$WORK/airflow-db.log" >&2; exit 1; }
step "Airflow ${AIRFLOW_VERSIONS[0]} metadata database"
for task in load_demo identity_demo; do
  "$venv/bin/airflow" tasks test roundtrip_demo "$task" 2026-01-02 > "$WORK/$task.log" 2>&1 \
    || { tail -40 "$WORK/$task.log" >&2; exit 1; }
  step "airflow tasks test $task"
done
days="$(./roundtrip query --warehouse "$demo/warehouse" --format csv \
  "SELECT DISTINCT to_date(received_at) AS day FROM demo.tracks ORDER BY day" | tr -d '\r' | tail -n +2 | tr '\n' ' ')"
people="$(./roundtrip query --warehouse "$demo/warehouse" --format csv \
  "SELECT count(*) FROM demo_models.identity_mappings" | tr -d '\r' | tail -n 1)"
echo "ci: airflow ran the load for the interval's day: $days; identity mapped $people identifiers"
[[ "$days" == "2026-01-01 " && "$people" -gt 0 ]] || { echo "ci: expected the day 2026-01-01 and identity mappings" >&2; exit 1; }
