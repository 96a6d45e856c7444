package io.roundtrip.orchestration.runner;

import io.roundtrip.orchestration.graph.DataInterval;
import java.time.Instant;

/** One run of the pipeline for one data interval. */
public record PipelineRun(String runId, DataInterval interval, Instant started) {}
