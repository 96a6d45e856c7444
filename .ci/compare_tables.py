"""Compares two dumps of a warehouse's tables (CSV of t, j: the table and each row as JSON).

    python compare_tables.py LOCAL.csv CLUSTER.csv

Equal when every table has the same rows (as a multiset). Left out: what records when a job ran
rather than what it computed (uuid_ts, the load and run ids and times, the run-history tables).
Numbers compare with a relative tolerance of 1e-6: sums of doubles add up in another order on a
cluster's partitions, and the LTV fits (an optimiser stopping at its tolerance) then land a few
parts in 10^8 apart (measured: expected_avg_value 89.72773124 local, 89.72773321 on the cluster). Prints one line per table and exits 1 on the first table that differs.
"""
import collections
import csv
import json
import math
import sys

csv.field_size_limit(sys.maxsize)
VOLATILE = {"uuid_ts", "load_id", "run_id", "started_at", "finished_at", "computed_at", "run_at", "updated_at",
            "loaded_at", "built_at", "duration_ms", "fitted_at"}
# the fit report is the optimiser's trace: on a flat likelihood (equal to 13 digits here) it stops
# after other iterations at estimates a few parts in 10^6 apart (measured: gamma 10889.53 / 10889.46)
LOOSER = {"demo_models.ltv_fit_report": 1e-4}
IGNORED = {"demo_models.ltv_fit_report": {"iterations"}}
SKIP_TABLES = ("_runs", "model_runs")


def rows(path):
    tables = collections.defaultdict(list)
    with open(path, newline="") as f:
        for record in csv.DictReader(f):
            if record["t"].endswith(SKIP_TABLES):
                continue
            skip = VOLATILE | IGNORED.get(record["t"], set())
            row = {k: v for k, v in json.loads(record["j"]).items() if k not in skip}
            tables[record["t"]].append(row)
    return tables


def key(row):
    return json.dumps({k: (round(v, 6) if isinstance(v, float) else v) for k, v in row.items()}, sort_keys=True)


def same(a, b, rel_tol=1e-6):
    if a.keys() != b.keys():
        return False
    for k in a:
        x, y = a[k], b[k]
        if isinstance(x, float) or isinstance(y, float):
            if x is None or y is None or not math.isclose(x, y, rel_tol=rel_tol, abs_tol=1e-9):
                return False
        elif x != y:
            return False
    return True


def main(local_path, cluster_path):
    local, cluster = rows(local_path), rows(cluster_path)
    if sorted(local) != sorted(cluster):
        print(f"FAIL tables differ: local {sorted(local)}, cluster {sorted(cluster)}")
        return 1
    for table in sorted(local):
        a = sorted(local[table], key=key)
        b = sorted(cluster[table], key=key)
        tol = LOOSER.get(table, 1e-6)
        if len(a) != len(b) or not all(same(x, y, tol) for x, y in zip(a, b)):
            diff = next(((x, y) for x, y in zip(a, b) if not same(x, y, tol)), None)
            print(f"FAIL {table}: {len(a)} rows local, {len(b)} on the cluster; first difference: {diff}")
            return 1
        print(f"{table}: {len(a)} rows equal")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
