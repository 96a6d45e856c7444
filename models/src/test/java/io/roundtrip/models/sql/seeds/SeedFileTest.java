package io.roundtrip.models.sql.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.models.sql.project.ProjectException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedFileTest {

  @TempDir
  Path dir;

  private SeedFile.Rows read(String csv, Map<String, String> types) throws IOException {
    Path file = dir.resolve("s.csv");
    Files.writeString(file, csv);
    return SeedFile.read(file, "seeds/s.csv", ',', types);
  }

  @Test
  void infersEachColumnsTypeAndReadsEmptyFieldsAsNull() throws IOException {
    SeedFile.Rows rows = read("""
        id,price,active,day,at,name,code
        1,2.5,true,2026-01-01,2026-01-01T10:00:00Z,"Smith, Jo",007
        2,,FALSE,2026-01-02,2026-01-02 11:30:00,"say ""hi"" now",010
        """, Map.of("code", "string"));
    assertThat(rows.schema().fields()).extracting(StructField::name, f -> f.dataType().sql()).containsExactly(
        org.assertj.core.groups.Tuple.tuple("id", "BIGINT"), org.assertj.core.groups.Tuple.tuple("price", "DOUBLE"),
        org.assertj.core.groups.Tuple.tuple("active", "BOOLEAN"), org.assertj.core.groups.Tuple.tuple("day", "DATE"),
        org.assertj.core.groups.Tuple.tuple("at", "TIMESTAMP"), org.assertj.core.groups.Tuple.tuple("name", "STRING"),
        org.assertj.core.groups.Tuple.tuple("code", "STRING"));
    assertThat(rows.rows().get(0).toSeq().toList().mkString("|")).isEqualTo(
        "1|2.5|true|2026-01-01|2026-01-01T10:00:00Z|Smith, Jo|007");
    assertThat(rows.rows().get(1).get(1)).isNull();
    assertThat(rows.rows().get(1).get(3)).isEqualTo(LocalDate.of(2026, 1, 2));
    assertThat(rows.rows().get(1).get(4)).isEqualTo(Instant.parse("2026-01-02T11:30:00Z"));
    assertThat(rows.rows().get(1).get(5)).isEqualTo("say \"hi\" now");
  }

  @Test
  void aMixedColumnIsText() throws IOException {
    assertThat(read("x\n1\nabc\n", Map.of()).schema().fields()[0].dataType().sql()).isEqualTo("STRING");
    assertThat(read("x\n1\n2.5\n", Map.of()).schema().fields()[0].dataType().sql()).isEqualTo("DOUBLE");
  }

  @Test
  void aRowWithTheWrongNumberOfFieldsNamesItsLine() {
    assertThatThrownBy(() -> read("a,b\n1,2\n3\n", Map.of())).isInstanceOf(ProjectException.class)
        .hasMessage("seeds/s.csv:3: has 1 fields; the header has 2");
  }

  @Test
  void aValueThatDoesNotFitItsColumnTypeNamesLineAndColumn() {
    assertThatThrownBy(() -> read("a,b\n1,2\n3,x\n", Map.of("b", "bigint"))).isInstanceOf(ProjectException.class)
        .hasMessage("seeds/s.csv:3: column 'b': 'x' is not a bigint");
  }

  @Test
  void columnTypesMustNameHeaderColumns() {
    assertThatThrownBy(() -> read("a\n1\n", Map.of("zz", "bigint"))).isInstanceOf(ProjectException.class)
        .hasMessage("seeds/s.csv:1: column_types names column 'zz', which the header lacks");
  }

  @Test
  void quotedFieldsMayHoldLineBreaksAndLinesStillCount() {
    assertThatThrownBy(() -> read("a,b\n\"x\ny\",1\n2\n", Map.of())).isInstanceOf(ProjectException.class)
        .hasMessage("seeds/s.csv:4: has 1 fields; the header has 2");
  }
}
