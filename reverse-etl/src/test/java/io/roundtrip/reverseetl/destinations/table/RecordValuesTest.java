package io.roundtrip.reverseetl.destinations.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.warehouse.jdbc.TableSql;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A record as a stage's row. */
class RecordValuesTest {

  @Test
  void theStageKeyColumnHoldsTheRecordsSyncKeyAndMissingFieldsAreNull() {
    Object[] values = RecordValues.values(List.of(TableSql.KEY, "name", "missing"),
        new SyncRecord("c1", Map.of("name", "Ada"), 0, null));
    assertThat(values).containsExactly("c1", "Ada", null);
  }
}
