package io.roundtrip.models.sql.materialize;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

  @Test
  void listsAddedRemovedAndRetypedColumns() {
    StructType table = new StructType().add("id", DataTypes.LongType).add("name", DataTypes.StringType)
        .add("amount", DataTypes.IntegerType);
    StructType model = new StructType().add("ID", DataTypes.LongType).add("amount", DataTypes.DoubleType)
        .add("email", DataTypes.StringType);
    SchemaDiff diff = SchemaDiff.of(table, model);
    assertThat(diff.describe()).isEqualTo("added: email string; removed: name string; type changed: amount int -> double");
    assertThat(SchemaDiff.of(table, table).isEmpty()).isTrue();
  }

  @Test
  void aNarrowerNumberIsNoChange() {
    StructType table = new StructType().add("n", DataTypes.LongType).add("d", DataTypes.createDecimalType(13, 1));
    StructType model = new StructType().add("n", DataTypes.IntegerType).add("d", DataTypes.createDecimalType(12, 1));
    assertThat(SchemaDiff.of(table, model).isEmpty()).isTrue();
    assertThat(SchemaDiff.of(model, table).describe())
        .isEqualTo("type changed: n int -> bigint, d decimal(12,1) -> decimal(13,1)");
  }
}
