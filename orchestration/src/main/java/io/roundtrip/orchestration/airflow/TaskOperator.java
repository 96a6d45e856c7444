package io.roundtrip.orchestration.airflow;

/** How a DAG's tasks run a job. */
public enum TaskOperator {
  /** {@code SparkSubmitOperator} of the Apache Spark provider: the cluster jar with the job as arguments. */
  SPARK_SUBMIT("from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator"),
  /** {@code BashOperator} of the standard provider: the {@code roundtrip} CLI on the worker. */
  BASH("from airflow.providers.standard.operators.bash import BashOperator");

  final String imports;

  TaskOperator(String imports) {
    this.imports = imports;
  }

  public static TaskOperator parse(String name) {
    return switch (name) {
      case "spark-submit" -> SPARK_SUBMIT;
      case "bash" -> BASH;
      default -> throw new IllegalArgumentException("Unknown operator \"" + name + "\": use spark-submit or bash");
    };
  }
}
