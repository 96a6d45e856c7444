package io.roundtrip.warehouse.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.jdbc.testing.Postgres;
import io.roundtrip.warehouse.naming.Dialect;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The hostile names on PostgreSQL; also what its catalog shows, and names the loader never makes. */
class PostgresHostileNamesLoadTest extends HostileNamesLoadTest {

  private String url;

  @Override
  Warehouse open(Path dir) {
    url = Postgres.newDatabase();
    return Postgres.newWarehouse(url);
  }

  @Override
  Dialect dialect() {
    return Dialect.POSTGRES;
  }

  @Test
  void anyNameAModelMightWriteIsQuotedIntoOneIdentifier() {
    var spark = io.roundtrip.warehouse.delta.SharedSpark.session();
    String[] names = {"a\"b", "x; DROP TABLE y; --", "new\nline", "Mixed Case", "select"};
    var schema = new org.apache.spark.sql.types.StructType();
    for (String name : names) {
      schema = schema.add(name, org.apache.spark.sql.types.DataTypes.StringType);
    }
    var table = new io.roundtrip.warehouse.TableId("we\"ird; ns", "t\"able");
    warehouse.write(table, spark.createDataFrame(java.util.List.of(org.apache.spark.sql.RowFactory.create(
        (Object[]) names)), schema), io.roundtrip.warehouse.WriteMode.append());

    assertThat(warehouse.schema(table).orElseThrow().fieldNames()).containsExactly(names);
    assertThat(warehouse.read(table).first().toSeq().mkString("|")).isEqualTo(String.join("|", names));
    assertThat(Postgres.query(url, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'we\"ird; ns'"))
        .containsExactly("5");
  }
}
