package io.roundtrip.app.runtime;

import io.roundtrip.app.config.ModelsConfig;
import io.roundtrip.models.ModelContext;
import io.roundtrip.models.attribution.AttributionJob;
import io.roundtrip.models.events.PersonEvents;
import io.roundtrip.models.funnels.FunnelsJob;
import io.roundtrip.models.identity.IdentityJob;
import io.roundtrip.models.ltv.FitReport;
import io.roundtrip.models.ltv.LtvJob;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
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
    RuntimeException failure = null;
    ModelContext models0 = modelContext(source);
    PersonEvents events = new PersonEvents(models0);
    for (Model model : EnumSet.copyOf(models)) {
      long started = System.nanoTime();
      try {
        if (model == Model.FUNNELS && models.contains(Model.ATTRIBUTION)) {
          // both group every event by person: do it once for the two
          PersonEvents.Spec both = FunnelsJob.spec(context.config().models().funnelDefinitions())
              .union(AttributionJob.spec(context.config().models().attribution().options()));
          if (both != null) {
            events.cache(both);
          }
        }
        report.accept(String.format("%s  (%.1f s, tables in %s)", runOne(model, models0, events),
            (System.nanoTime() - started) / 1e9, models0.namespace()));
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

  private String runOne(Model model, ModelContext models0, PersonEvents events) {
    ModelsConfig config = context.config().models();
    {
      return switch (model) {
        case IDENTITY -> {
          IdentityJob.Summary s = new IdentityJob(models0, config.identity().options()).run();
          yield String.format("identity: %,d new events, %,d identifiers, %,d people, %,d changed canonical ids, "
              + "%,d shared devices", s.newEvents(), s.identifiers(), s.people(), s.changed(), s.sharedIdentifiers());
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
