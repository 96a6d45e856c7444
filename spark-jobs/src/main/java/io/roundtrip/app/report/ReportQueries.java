package io.roundtrip.app.report;

import io.roundtrip.models.identity.IdentifierType;
import io.roundtrip.warehouse.TableId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SQL behind every number in the report, in one place: the report runs these, shows them
 * under each section (so an analyst can run them with {@code roundtrip query}), and tests check
 * the charts against tables with them. Spark SQL over {@code <namespace>.<table>}; timestamps
 * are UTC (the session's time zone), so {@code to_date} gives UTC days.
 */
public final class ReportQueries {

  /** Segment's tables with one row per message, and the message type each holds. */
  public static final Map<String, String> EVENT_TABLES = orderedMap(
      "tracks", "track", "pages", "page", "screens", "screen", "identifies", "identify", "groups", "group",
      "aliases", "alias");

  /** The tables whose events make a person active on a day: what they did, not who they said they were. */
  public static final List<String> ACTIVITY_TABLES = List.of("tracks", "pages", "screens");

  /** Top reject reasons and recent sync runs listed. */
  static final int LIST_LIMIT = 20;

  /** A source table and the columns it has (a column appears only once a value for it was loaded). */
  public record EventTable(TableId table, Set<String> columns) {
    public EventTable {
      columns = Set.copyOf(columns);
    }

    String column(String name) {
      return columns.contains(name) ? "`" + name + "`" : "CAST(NULL AS STRING)";
    }
  }

  private ReportQueries() {}

  /** Rows per UTC day of {@code received_at} and message type. */
  public static String eventsPerDay(List<EventTable> tables) {
    String union = tables.stream()
        .map(t -> "SELECT to_date(received_at) AS day, '" + EVENT_TABLES.get(t.table().name()) + "' AS type FROM "
            + t.table().sqlName())
        .collect(Collectors.joining("\n  UNION ALL "));
    return "SELECT day, type, count(*) AS events\nFROM (\n  " + union + "\n)\nGROUP BY day, type\nORDER BY day, type";
  }

  /**
   * The source's latest loads, newest first: files, lines, new events, duplicates, rejects, and
   * files whose load failed. A file's {@code rows} are its new events ({@code events} counts its
   * duplicates too), so lines = new events + duplicates + rejects + blank lines.
   */
  public static String loads(TableId loads, String source) {
    return """
        SELECT load_id, min(started_at) AS started_at, count_if(status = 'loaded') AS files,
               sum(if(status = 'loaded', lines, 0)) AS lines, sum(if(status = 'loaded', `rows`, 0)) AS new_events,
               sum(if(status = 'loaded', duplicates, 0)) AS duplicates,
               sum(if(status = 'loaded', rejects, 0)) AS rejects,
               sum(if(status = 'loaded', blank_lines, 0)) AS blank_lines, count_if(status = 'failed') AS failed_files
        FROM %s
        WHERE source = %s
        GROUP BY load_id
        ORDER BY started_at DESC, load_id DESC
        LIMIT %d""".formatted(loads.sqlName(), literal(source), LIST_LIMIT);
  }

  /** Why lines were rejected, most frequent first. */
  public static String rejectReasons(TableId rejects, String source) {
    return """
        SELECT reason, count(*) AS lines
        FROM %s
        WHERE source = %s
        GROUP BY reason
        ORDER BY lines DESC, reason
        LIMIT %d""".formatted(rejects.sqlName(), literal(source), LIST_LIMIT);
  }

  /**
   * People per funnel step over every breakdown value (each person has one: their first touch's),
   * with the conversion from step 1 and from the step before.
   */
  public static String funnelSteps(TableId funnel) {
    return """
        WITH steps AS (SELECT step, min(step_name) AS step_name, sum(users) AS users FROM %s GROUP BY step)
        SELECT s.step, s.step_name, s.users, try_divide(s.users, f.users) AS conversion_from_first,
               try_divide(s.users, p.users) AS conversion_from_previous
        FROM steps s
        CROSS JOIN (SELECT users FROM steps WHERE step = 1) f
        LEFT JOIN steps p ON p.step = s.step - 1
        ORDER BY s.step""".formatted(funnel.sqlName());
  }

  /** Per breakdown value: people who entered (step 1), who reached the last step, the conversion, revenue. */
  public static String funnelBreakdown(TableId funnel) {
    return """
        WITH last AS (SELECT max(step) AS step FROM %1$s)
        SELECT f.breakdown, sum(if(f.step = 1, f.users, 0)) AS entered,
               sum(if(f.step = last.step, f.users, 0)) AS converted,
               try_divide(sum(if(f.step = last.step, f.users, 0)), sum(if(f.step = 1, f.users, 0))) AS conversion,
               sum(f.revenue) AS revenue
        FROM %1$s f CROSS JOIN last
        GROUP BY f.breakdown
        ORDER BY entered DESC, f.breakdown""".formatted(funnel.sqlName());
  }

  /** Every row of the funnel table: people per breakdown value and step. */
  public static String funnelRows(TableId funnel) {
    return """
        SELECT breakdown, step, step_name, users, conversion_from_previous, median_seconds
        FROM %s
        ORDER BY breakdown, step""".formatted(funnel.sqlName());
  }

  /** Customers and predicted value per CLV decile (1 = the top tenth). */
  public static String ltvDeciles(TableId customers) {
    return """
        SELECT decile, count(*) AS customers, sum(clv) AS clv, avg(clv) AS average_clv,
               avg(p_alive) AS average_p_alive
        FROM %s
        GROUP BY decile
        ORDER BY decile""".formatted(customers.sqlName());
  }

  /** Customers per tenth of P(alive): bin 0 is [0, 0.1), ..., bin 9 is [0.9, 1]. */
  public static String pAlive(TableId customers) {
    return """
        SELECT least(CAST(floor(p_alive * 10) AS INT), 9) AS bin, count(*) AS customers
        FROM %s
        WHERE p_alive BETWEEN 0 AND 1
        GROUP BY 1
        ORDER BY 1""".formatted(customers.sqlName());
  }

  /** Credited conversions and revenue per channel (source / medium) and attribution model. */
  public static String attributionByChannel(TableId byCampaign) {
    return """
        SELECT concat(source, ' / ', medium) AS channel, model, sum(conversions) AS conversions,
               sum(revenue) AS revenue
        FROM %s
        GROUP BY 1, 2
        ORDER BY 1, 2""".formatted(byCampaign.sqlName());
  }

  /** Credited conversions and revenue per campaign and model. */
  public static String attributionByCampaign(TableId byCampaign) {
    return """
        SELECT campaign, source, medium, model, conversions, revenue
        FROM %s
        ORDER BY campaign, source, medium, model""".formatted(byCampaign.sqlName());
  }

  /** Referral-link clicks (the same for every model) and credited conversions and revenue per channel. */
  public static String referralChannels(TableId channels) {
    return """
        SELECT channel, model, clicks, conversions, revenue
        FROM %s
        ORDER BY channel, model""".formatted(channels.sqlName());
  }

  /**
   * People with at least one track, page or screen event per UTC day of the event's time. A
   * person is their canonical id when the identity model has run ({@code mappings} not null: by
   * user id first, then anonymous id, as the models count people), else the user id or, failing
   * that, the anonymous id.
   */
  public static String dailyActiveUsers(List<EventTable> tables, TableId mappings) {
    String union = tables.stream()
        .map(t -> "SELECT " + t.column("user_id") + " AS user_id, " + t.column("anonymous_id")
            + " AS anonymous_id, coalesce(" + t.column("timestamp") + ", received_at) AS at FROM "
            + t.table().sqlName())
        .collect(Collectors.joining("\n  UNION ALL "));
    String activity = "WITH activity AS (\n  " + union + "\n)\n";
    if (mappings == null) {
      return activity + """
          SELECT to_date(at) AS day, count(DISTINCT coalesce(user_id, anonymous_id)) AS people
          FROM activity
          GROUP BY 1
          ORDER BY 1""";
    }
    return activity + """
        SELECT to_date(a.at) AS day,
               count(DISTINCT coalesce(u.canonical_user_id, n.canonical_user_id, a.user_id, a.anonymous_id)) AS people
        FROM activity a
        LEFT JOIN %1$s u ON u.identifier_type = '%2$s' AND u.identifier_value = a.user_id
        LEFT JOIN %1$s n ON n.identifier_type = '%3$s' AND n.identifier_value = a.anonymous_id
        GROUP BY 1
        ORDER BY 1""".formatted(mappings.sqlName(), IdentifierType.USER_ID.label(),
        IdentifierType.ANONYMOUS_ID.label());
  }

  /** Per sync, over all its runs: records sent, acknowledged, failed (retried next run) and rejected. */
  public static String syncTotals(TableId runs) {
    return """
        SELECT sync, count(*) AS runs, sum(sent) AS sent, sum(acknowledged) AS acknowledged, sum(failed) AS failed,
               sum(rejected) AS rejected, max(finished_at) AS last_run, max_by(status, finished_at) AS last_status
        FROM %s
        GROUP BY sync
        ORDER BY sync""".formatted(runs.sqlName());
  }

  /** The latest sync runs. */
  public static String syncRuns(TableId runs) {
    return """
        SELECT finished_at, sync, mode, status, sent, acknowledged, failed, rejected, duration_ms
        FROM %s
        ORDER BY finished_at DESC, sync
        LIMIT %d""".formatted(runs.sqlName(), LIST_LIMIT);
  }

  /** The sources that have had a load. */
  public static String sources(TableId loads) {
    return "SELECT DISTINCT source FROM " + loads.sqlName() + " ORDER BY source";
  }

  /** The currencies of the purchases: one means money axes can name it. */
  public static String currencies(TableId purchases) {
    return "SELECT DISTINCT currency FROM " + purchases.sqlName() + " WHERE currency IS NOT NULL LIMIT 2";
  }

  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
