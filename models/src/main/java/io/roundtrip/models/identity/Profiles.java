package io.roundtrip.models.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.when;

import io.roundtrip.models.ModelContext;
import io.roundtrip.warehouse.LatestTraits;
import io.roundtrip.warehouse.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** One row per person: their identifiers, when they were seen, and the latest traits of their user ids. */
final class Profiles {

  /** The columns a profile has whatever the traits; a trait of one of these names is left out. */
  static final List<String> OWN_COLUMNS = List.of("canonical_user_id", "user_ids", "anonymous_ids", "emails",
      "identifiers", "first_seen", "last_seen");

  private final ModelContext context;

  Profiles(ModelContext context) {
    this.context = context;
  }

  /** The profiles of every person the mappings hold, whole (the mappings must hold whole components). */
  Dataset<Row> of(Dataset<Row> mappings) {
    Dataset<Row> people = mappings.groupBy("canonical_user_id").agg(
        sort_array(collect_set(when(col("identifier_type").equalTo(IdentifierType.USER_ID.label()),
            col("identifier_value")))).as("user_ids"),
        sort_array(collect_set(when(col("identifier_type").equalTo(IdentifierType.ANONYMOUS_ID.label()),
            col("identifier_value")))).as("anonymous_ids"),
        sort_array(collect_set(when(col("identifier_type").equalTo(IdentifierType.EMAIL.label()),
            col("identifier_value")))).as("emails"),
        count("*").as("identifiers"),
        min("first_seen").as("first_seen"), max("last_seen").as("last_seen"));
    TableId users = context.sourceTable("users");
    Optional<StructType> usersSchema = context.warehouse().schema(users);
    if (usersSchema.isEmpty()) {
      return people;
    }
    List<String> traits = new ArrayList<>(List.of(usersSchema.get().fieldNames()));
    traits.removeAll(List.of("id", "received_at", "uuid_ts"));
    traits.removeAll(OWN_COLUMNS);
    Dataset<Row> userMappings = mappings.where(col("identifier_type").equalTo(IdentifierType.USER_ID.label()))
        .select(col("identifier_value").as("_uid"), col("canonical_user_id"));
    Dataset<Row> usersOfPeople = context.warehouse().read(users)
        .join(userMappings, col("id").equalTo(col("_uid")));
    Dataset<Row> latest = LatestTraits.of(usersOfPeople, col("canonical_user_id"), col("received_at"), col("id"), traits)
        .drop(LatestTraits.LATEST, LatestTraits.EARLIEST)
        .withColumnRenamed(LatestTraits.KEY, "canonical_user_id");
    return people.join(latest, Checkpoints.seq(List.of("canonical_user_id")), "left");
  }
}
