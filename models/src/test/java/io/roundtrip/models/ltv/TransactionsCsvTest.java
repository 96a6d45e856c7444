package io.roundtrip.models.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionsCsvTest {

  @Test
  void readsRowsWithQuotesCrlfAByteOrderMarkAndBlankLines() throws IOException {
    String csv = "\uFEFFcustomer_id,date,amount\r\n"
        + "c1,2024-01-02,12.50\r\n"
        + "\r\n"
        + "\"Smith, J.\",2024-01-03,\"-3\"\r\n"
        + "\"say \"\"hi\"\"\", 2024-02-29 , 1e3\r\n";

    List<Transaction> t = TransactionsCsv.read(new StringReader(csv), "t.csv");

    assertThat(t).containsExactly(
        new Transaction("c1", LocalDate.of(2024, 1, 2), 12.5),
        new Transaction("Smith, J.", LocalDate.of(2024, 1, 3), -3),
        new Transaction("say \"hi\"", LocalDate.of(2024, 2, 29), 1000));
  }

  @Test
  void aBadAmountIsReportedWithFileLineAndField() {
    String csv = "customer_id,date,amount\nc1,2024-01-02,1\nc2,2024-01-02,\"12,5x\"\n";

    assertThatThrownBy(() -> read(csv))
        .isInstanceOf(MalformedTransactionsException.class)
        .hasMessage("transactions.csv:3: field 'amount': not a number: \"12,5x\"");
  }

  @Test
  void amountsMustBePlainDecimals() {
    for (String amount : new String[] {"NaN", "Infinity", "1d", "0x10", "", "1,5"}) {
      String csv = "customer_id,date,amount\nc1,2024-01-02," + amount + "\n";
      assertThatThrownBy(() -> read(csv)).as(amount)
          .isInstanceOf(MalformedTransactionsException.class)
          .hasMessageStartingWith("transactions.csv:2: ");
    }
  }

  @Test
  void aBadDateAMissingFieldAndAnEmptyIdAreEachNamed() {
    assertThatThrownBy(() -> read("customer_id,date,amount\nc1,2024/01/02,1\n"))
        .hasMessage("transactions.csv:2: field 'date': not a date (yyyy-MM-dd): \"2024/01/02\"");
    assertThatThrownBy(() -> read("customer_id,date,amount\nc1,2024-02-30,1\n"))
        .hasMessageContaining("field 'date'");
    assertThatThrownBy(() -> read("customer_id,date,amount\nc1,2024-01-02\n"))
        .hasMessage("transactions.csv:2: expected 3 fields (customer_id,date,amount), found 2:"
            + " \"c1,2024-01-02\"");
    assertThatThrownBy(() -> read("customer_id,date,amount\n ,2024-01-02,1\n"))
        .hasMessage("transactions.csv:2: field 'customer_id': empty");
    assertThatThrownBy(() -> read("customer_id,date,amount\n\"c1,2024-01-02,1\n"))
        .hasMessageContaining("transactions.csv:2: unterminated quoted field");
  }

  @Test
  void allBadLinesAreCountedAndTheFirstTenListed() {
    StringBuilder csv = new StringBuilder("customer_id,date,amount\n");
    for (int i = 0; i < 15; i++) {
      csv.append("c").append(i).append(",2024-01-02,x").append(i).append('\n');
      csv.append("ok").append(i).append(",2024-01-02,1\n");
    }

    assertThatThrownBy(() -> read(csv.toString()))
        .isInstanceOfSatisfying(MalformedTransactionsException.class, e -> {
          assertThat(e.errorCount()).isEqualTo(15);
          assertThat(e.errors()).hasSize(10);
          assertThat(e.errors().get(0))
              .isEqualTo("transactions.csv:2: field 'amount': not a number: \"x0\"");
          assertThat(e.errors().get(9))
              .isEqualTo("transactions.csv:20: field 'amount': not a number: \"x9\"");
          assertThat(e.getMessage())
              .startsWith("transactions.csv: 15 malformed lines, the first 10:\n"
                  + "  transactions.csv:2: ")
              .doesNotContain("x10");
        });
  }

  @Test
  void aWrongOrMissingHeaderNamesTheExpectedHeader() {
    assertThatThrownBy(() -> read("id,day,value\nc1,2024-01-02,1\n"))
        .isInstanceOf(MalformedTransactionsException.class)
        .hasMessage("transactions.csv:1: expected header \"customer_id,date,amount\","
            + " found \"id,day,value\"");
    assertThatThrownBy(() -> read("c1,2024-01-02,1\n"))
        .hasMessageContaining("expected header \"customer_id,date,amount\"");
    assertThatThrownBy(() -> read(""))
        .hasMessage("transactions.csv: empty file; expected header \"customer_id,date,amount\"");
  }

  @Test
  void theHeaderMayDifferInCaseAndSpacing() throws IOException {
    assertThat(read("Customer_ID, Date ,AMOUNT\nc1,2024-01-02,1\n")).hasSize(1);
  }

  @Test
  void aFileIsNamedInErrorsAsItWasGiven(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("orders.csv");
    Files.writeString(file, "customer_id,date,amount\nc1,2024-01-02,oops\n",
        StandardCharsets.UTF_8);

    assertThatThrownBy(() -> TransactionsCsv.read(file))
        .hasMessage(file + ":2: field 'amount': not a number: \"oops\"");
  }

  @Test
  void cdnowAsCsvSummarizesAsTheRawSample(@TempDir Path dir) throws IOException {
    StringBuilder csv = new StringBuilder(TransactionsCsv.HEADER).append('\n');
    for (Transaction t : Cdnow.transactions()) {
      csv.append(t.customerId()).append(',').append(t.date()).append(',').append(t.amount())
          .append('\n');
    }
    Path file = dir.resolve("cdnow.csv");
    Files.writeString(file, csv);

    List<Transaction> read = TransactionsCsv.read(file);

    assertThat(read).isEqualTo(Cdnow.transactions());
    assertThat(Rfm.summarize(read, Cdnow.CALIBRATION_END, TimeUnit.WEEK))
        .isEqualTo(Cdnow.summaries());
  }

  private static List<Transaction> read(String csv) throws IOException {
    return TransactionsCsv.read(new StringReader(csv), "transactions.csv");
  }
}
