package io.roundtrip.app.runtime;

import io.roundtrip.app.config.ModelsConfig;
import io.roundtrip.models.ModelContext;
import io.roundtrip.models.attribution.AttributionJob;
import io.roundtrip.models.events.PersonEvents;
import io.roundtrip.models.funnels.FunnelsJob;
import io.roundtrip.models.identity.IdentityJob;
import io.roundtrip.models.ltv.FitReport;
import io.roundtrip.models.ltv.LtvJob;
import io.roundtrip.models.runs.ModelRuns;
import io.roundtrip.warehouse.TableId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Runs models as configured: the one path the models and bench commands share. */
public final class ModelRunner {

  /** The models, in the order "all" runs them: identity first, because the others read its mappings. */
  public enum Model {
    IDENTITY, LTV, FUNNELS, ATTRIBUTION;

    public static Set<Model> parse(String name) {
      if (name.equalsIgnoreCase("all")) {
        return EnumSet.allOf(Model.class);
      }
      try {
        return EnumSet.of(valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Unknown model \"" + name + "\": use identity, ltv, funnels, attribution or all");
      }
    }
  }

  private final RoundtripContext context;

  public ModelRunner(RoundtripContext context) {
    this.context = context;
  }

  public ModelContext modelContext(String source) {
    return context.config().models().context(context.spark(), context.warehouse(), source);
  }

  /**
   * Runs the models in order and reports one line per model to {@code report}. A model that fails
   * does not stop the ones after it (each reads only loaded tables and, optionally, the identity
   * mappings); the first failure is rethrown at the end, the others attached to it.
   */
  public void run(String source, Set<Model> models, Consumer<String> report) {
    run(source, models, false, report);
  }

  /**
   * @param fullRefresh build each model whole, as dbt's {@code --full-refresh} does: even when its
   *     inputs did not change, and identity from every event rather than from what it stored
   */
  public void run(String source, Set<Model> models, boolean fullRefresh, Consumer<String> report) {
    RuntimeException failure = null;
    ModelContext models0 = modelContext(source);
    PersonEvents events = new PersonEvents(models0);
    for (Model model : EnumSet.copyOf(models)) {
      long started = System.nanoTime();
      try {
        ModelRuns runs = new ModelRuns(models0);
        Optional<ModelRuns.Fingerprint> fingerprint = runs.fingerprint(name(model), inputs(model, models0),
            settings(model));
        Optional<Instant> unchangedSince = fingerprint.flatMap(runs::lastRunWith)
            .filter(at -> !fullRefresh && models0.exists(models0.modelTable(output(model))));
        if (unchangedSince.isPresent()) {
          report.accept(String.format("%s: up to date, its inputs and settings are those of its run at %s  (%.1f s)",
              name(model), unchangedSince.get(), (System.nanoTime() - started) / 1e9));
          continue;
        }
        if (model == Model.FUNNELS && models.contains(Model.ATTRIBUTION)) {
          // both group every event by person: do it once for the two
          PersonEvents.Spec both = FunnelsJob.spec(context.config().models().funnelDefinitions())
              .union(AttributionJob.spec(context.config().models().attribution().options()));
          if (both != null) {
            events.cache(both);
          }
        }
        String summary = runOne(model, models0, events, fullRefresh);
        fingerprint.ifPresent(runs::record);
        report.accept(String.format("%s  (%.1f s, tables in %s)", summary, (System.nanoTime() - started) / 1e9,
            models0.namespace()));
      } catch (RuntimeException e) {
        report.accept(model.name().toLowerCase(Locale.ROOT) + ": failed: " + e.getMessage());
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    events.release();
    if (failure != null) {
      throw failure;
    }
  }

  private static String name(Model model) {
    return model.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The tables a model reads: identity the event tables and users; the others every table of the
   * source (a funnel step or conversion may be any event) and the identity mappings.
   */
  private static List<TableId> inputs(Model model, ModelContext models) {
    List<TableId> inputs = new ArrayList<>();
    if (model == Model.IDENTITY) {
      for (String table : List.of("identifies", "tracks", "pages", "screens", "groups", "aliases", "users")) {
        inputs.add(models.sourceTable(table));
      }
      return inputs;
    }
    inputs.addAll(models.warehouse().tables(models.source()));
    inputs.add(models.modelTable(IdentityJob.MAPPINGS));
    return inputs;
  }

  /** The settings a model runs with, as they print: a change of them makes the model run again. */
  private String settings(Model model) {
    ModelsConfig config = context.config().models();
    return switch (model) {
      case IDENTITY -> config.identity().options().toString();
      case LTV -> config.ltv().options().toString();
      case FUNNELS -> config.funnelDefinitions().toString();
      case ATTRIBUTION -> config.attribution().options().toString();
    };
  }

  /** A table each model writes: when it is gone, the model runs whatever its inputs. */
  private String output(Model model) {
    return switch (model) {
      case IDENTITY -> IdentityJob.MAPPINGS;
      case LTV -> LtvJob.CUSTOMERS;
      case FUNNELS -> context.config().models().funnelDefinitions().isEmpty() ? IdentityJob.MAPPINGS
          : FunnelsJob.tableName(context.config().models().funnelDefinitions().get(0));
      case ATTRIBUTION -> AttributionJob.CREDITS;
    };
  }

  private String runOne(Model model, ModelContext models0, PersonEvents events, boolean fullRefresh) {
    ModelsConfig config = context.config().models();
    {
      return switch (model) {
        case IDENTITY -> {
          IdentityJob.Summary s = new IdentityJob(models0, config.identity().options()).run(fullRefresh);
          yield String.format("identity: %,d new events, %,d identifiers, %,d people, %,d changed canonical ids, "
              + "%,d shared devices; %s", s.newEvents(), s.identifiers(), s.people(), s.changed(),
              s.sharedIdentifiers(), switch (s.plan()) {
                case INCREMENTAL -> String.format("%,d identifiers recomputed", s.recomputed());
                case RECOMPUTE -> "every component recomputed: " + s.why();
                case REBUILD -> "rebuilt from every event: " + s.why();
              });
        }
        case LTV -> {
          LtvJob.Summary s = new LtvJob(models0, config.ltv().options()).run();
          List<String> parameters = new ArrayList<>();
          for (FitReport fit : s.fit()) {
            parameters.add(fit.parameter() + "=" + String.format("%.4g", fit.estimate()));
          }
          yield String.format("ltv: %,d customers (%,d repeat buyers), calibration to %s; %s", s.customers(),
              s.repeatBuyers(), s.calibrationEnd(), String.join(" ", parameters));
        }
        case FUNNELS -> "funnels: " + String.join(", ", new FunnelsJob(models0, events).run(config.funnelDefinitions()));
        case ATTRIBUTION -> {
          AttributionJob.Summary s = new AttributionJob(models0, config.attribution().options(), events).run();
          yield String.format("attribution: %,d conversions, %,.2f revenue, %,d credits", s.conversions(), s.revenue(),
              s.credits());
        }
      };
    }
  }
}
