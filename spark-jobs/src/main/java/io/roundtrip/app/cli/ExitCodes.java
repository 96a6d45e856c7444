package io.roundtrip.app.cli;

import io.roundtrip.app.config.ConfigException;
import io.roundtrip.loaders.load.LoadIntegrityException;
import picocli.CommandLine;

/**
 * The one mapping from failures to exit codes, so scripts can tell them apart:
 * 0 success, 1 failure, 2 usage (including SQL that does not analyse, and a SQL model project with an
 * unknown ref, a cycle or a template error), 3 configuration, 4 data (a
 * load that could not account for every line, a malformed transactions file, a model fit that did
 * not converge, a sync model whose keys are null or repeated).
 */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int CONFIG = 3;
  public static final int DATA = 4;

  @Override
  public int getExitCode(Throwable error) {
    if (error instanceof ConfigException || error instanceof io.roundtrip.orchestration.graph.GraphException) {
      return CONFIG;
    }
    if (error instanceof LoadIntegrityException || error instanceof io.roundtrip.models.ltv.FitException
        || error instanceof io.roundtrip.models.ltv.MalformedTransactionsException
        || error instanceof io.roundtrip.models.costs.MalformedCostsException
        || error instanceof io.roundtrip.reverseetl.sync.SyncValidationException) {
      return DATA;
    }
    if (error instanceof IllegalArgumentException || error instanceof CommandLine.ParameterException
        || error instanceof io.roundtrip.models.sql.project.ProjectException
        || error instanceof org.apache.spark.sql.AnalysisException) {
      return USAGE;
    }
    return FAILURE;
  }
}
