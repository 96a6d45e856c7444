"""Imports generated Roundtrip DAG files with Airflow's own DagBag and compares them with the job graph.

    python check_dags.py DAG_DIR GRAPH_JSON

GRAPH_JSON is `roundtrip pipeline show --format json` for the same roundtrip.yml. Checks: no import
errors; one DAG per "dag" the graph names, each with a data-interval timetable; each DAG's task ids
are the graph's tasks of that DAG; its edges are the graph's edges between them; every task runs
the command the graph gives it (its interval as Airflow's templates). Exits 1 naming every
difference. Runs under Airflow 3 (airflow.dag_processing.dagbag parses without a metadata
database) and Airflow 2 (airflow.models.dagbag).
"""
import json
import shlex
import sys

try:
    from airflow.dag_processing.dagbag import DagBag  # Airflow 3
except ImportError:
    from airflow.models.dagbag import DagBag  # Airflow 2

START, END = "{{ data_interval_start | ds }}", "{{ data_interval_end | ds }}"


def command_of(task):
    """The roundtrip arguments a task runs, as a list."""
    if hasattr(task, "application_args"):
        return list(task.application_args)
    words = shlex.split(task.bash_command.replace(START, "START").replace(END, "END"))
    return [START if w == "START" else END if w == "END" else w for w in words[1:]]


def main(dag_dir, graph_file):
    with open(graph_file) as f:
        graph = json.load(f)
    problems = []
    bag = DagBag(dag_folder=dag_dir, include_examples=False) if "include_examples" in DagBag.__init__.__code__.co_varnames \
        else DagBag(dag_folder=dag_dir)
    for path, error in sorted(bag.import_errors.items()):
        problems.append(f"import error in {path}: {error}")
    tasks = {t["name"]: t for t in graph["tasks"]}
    dags = sorted({t["dag"] for t in graph["tasks"]})
    if sorted(bag.dags) != dags:
        problems.append(f"DAGs {sorted(bag.dags)} != the graph's {dags}")
    for dag_id in dags:
        dag = bag.dags.get(dag_id)
        if dag is None:
            continue
        expected = sorted(name for name, t in tasks.items() if t["dag"] == dag_id)
        if sorted(dag.task_ids) != expected:
            problems.append(f"{dag_id}: tasks {sorted(dag.task_ids)} != the graph's {expected}")
        edges = sorted((u, t.task_id) for t in dag.tasks for u in t.upstream_task_ids)
        graph_edges = sorted((u, d) for u, d in graph["edges"] if u in expected and d in expected)
        if edges != graph_edges:
            problems.append(f"{dag_id}: edges {edges} != the graph's {graph_edges}")
        if type(dag.timetable).__name__ != "CronDataIntervalTimetable":
            problems.append(f"{dag_id}: timetable {type(dag.timetable).__name__}, not a data-interval one")
        for task in dag.tasks:
            if task.task_id not in tasks:
                continue
            want = [START if a == "START" else END if a == "END" else a for a in tasks[task.task_id]["command"]]
            got = command_of(task)
            if got[:len(want)] != want:
                problems.append(f"{dag_id}.{task.task_id}: runs {got}, the graph says {want}")
        print(f"{dag_id}: {len(dag.task_ids)} tasks, {len(edges)} edges, "
              f"{type(dag.timetable).__name__}, max_active_runs={dag.max_active_runs}")
    for problem in problems:
        print("FAIL " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
