package io.roundtrip.models.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.roundtrip.models.ModelContext;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.naming.Dialect;
import io.roundtrip.warehouse.naming.NameRules;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Shares per channel, from the share events the archive has: a person sharing a link ({@code
 * Product Shared} and {@code Cart Shared} of Segment's e-commerce spec, {@code Link Shared}) or
 * copying it ({@code Link Copied}: a copied link counts as a share, its channel {@code copy_link},
 * as on Ambassador's Smart URLs page, where the share buttons and the copy button alike are shares).
 * The channel of a share is its {@code share_via} property (the spec's), else {@code channel},
 * else the channel of the Smart URL it shared ({@code url}, {@code share_url} or {@code link});
 * a share that names none is counted under {@code unknown}.
 *
 * @param events the track events that are shares, as sent
 */
public record ReferralShares(List<String> events) implements Serializable {

  public static final List<String> DEFAULT_EVENTS = List.of("Product Shared", "Cart Shared", "Link Shared",
      "Link Copied");
  public static final String COPY_LINK = "copy_link";
  static final String UNKNOWN = "unknown";

  /** What people call copying a link, as a {@code share_via} value. */
  private static final Set<String> COPY = Set.of("copy", "copy_link", "copylink", "copy_url", "clipboard", "link");

  public ReferralShares {
    events = events == null ? DEFAULT_EVENTS : List.copyOf(events);
  }

  public static ReferralShares defaults() {
    return new ReferralShares(DEFAULT_EVENTS);
  }

  /** channel, shares: for the share events whose tables the source has; empty when it has none. */
  Optional<Dataset<Row>> perChannel(ModelContext context, ReferralLinks links) {
    NameRules names = new NameRules(Dialect.DELTA);
    List<Dataset<Row>> parts = new ArrayList<>();
    for (String event : events) {
      Optional<String> table = names.eventTableName(event);
      if (table.isEmpty() || !context.exists(context.sourceTable(table.get()))) {
        continue;
      }
      TableId id = context.sourceTable(table.get());
      List<String> columns = List.of(context.warehouse().schema(id).orElseThrow().fieldNames());
      boolean copied = event.toLowerCase(Locale.ROOT).contains("cop");
      parts.add(context.warehouse().read(id).select(channel(links, copied)
          .apply(text(columns, "share_via"), text(columns, "channel"), firstText(columns, "url", "share_url", "link"))
          .as("channel")));
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    Dataset<Row> all = parts.get(0);
    for (Dataset<Row> part : parts.subList(1, parts.size())) {
      all = all.unionByName(part);
    }
    return Optional.of(all.groupBy("channel").agg(count("*").as("shares")));
  }

  private static Column text(List<String> columns, String column) {
    return columns.contains(column) ? col("`" + column + "`").cast(DataTypes.StringType)
        : lit(null).cast(DataTypes.StringType);
  }

  private static Column firstText(List<String> columns, String... candidates) {
    for (String candidate : candidates) {
      if (columns.contains(candidate)) {
        return text(columns, candidate);
      }
    }
    return lit(null).cast(DataTypes.StringType);
  }

  private static UserDefinedFunction channel(ReferralLinks links, boolean copied) {
    return udf((UDF3<String, String, String, String>) (shareVia, channel, url) ->
        channelOf(shareVia, channel, url, copied, links), DataTypes.StringType);
  }

  /** The channel of one share (see the class comment). */
  static String channelOf(String shareVia, String channel, String url, boolean copied, ReferralLinks links) {
    if (copied) {
      return COPY_LINK;
    }
    for (String named : new String[] {shareVia, channel}) {
      if (named != null && !named.isBlank()) {
        String normalized = named.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        return COPY.contains(normalized) ? COPY_LINK : normalized;
      }
    }
    return links.match(url).map(Referral::channel).orElse(UNKNOWN);
  }
}
