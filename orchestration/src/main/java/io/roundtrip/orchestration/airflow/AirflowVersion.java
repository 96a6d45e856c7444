package io.roundtrip.orchestration.airflow;

/** The Airflow a DAG file is written for: where its imports come from. */
public enum AirflowVersion {
  /** Airflow 3: the DAG authoring API is {@code airflow.sdk}. */
  AIRFLOW_3("from airflow.sdk import DAG, CronDataIntervalTimetable, TaskGroup"),
  /** Airflow 2.x (2.9 and later, with the standard provider). */
  AIRFLOW_2("from airflow import DAG\nfrom airflow.timetables.interval import CronDataIntervalTimetable\n"
      + "from airflow.utils.task_group import TaskGroup");

  final String imports;

  AirflowVersion(String imports) {
    this.imports = imports;
  }

  public static AirflowVersion parse(String major) {
    return switch (major) {
      case "3" -> AIRFLOW_3;
      case "2" -> AIRFLOW_2;
      default -> throw new IllegalArgumentException("Unknown Airflow version \"" + major + "\": use 3 or 2");
    };
  }
}
