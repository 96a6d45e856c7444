package io.roundtrip.warehouse.naming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameRulesTest {

  private final NameRules delta = new NameRules(Dialect.DELTA);
  private final NameRules postgres = new NameRules(Dialect.POSTGRES);

  @Test
  void snakeCasesKeys() {
    assertThat(delta.columnName("firstName")).hasValue("first_name");
    assertThat(delta.columnName("context_userAgent")).hasValue("context_user_agent");
  }

  @Test
  void prefixesNamesThatStartWithADigit() {
    assertThat(delta.columnName("2FA Enabled")).hasValue("_2fa_enabled");
    assertThat(delta.eventTableName("3 Little Pigs")).hasValue("_3_little_pigs");
  }

  @Test
  void prefixesReservedWordsOfTheDialect() {
    assertThat(delta.columnName("select")).hasValue("_select");
    assertThat(delta.columnName("Order")).hasValue("_order");
    // only the whole name counts
    assertThat(delta.columnName("order_id")).hasValue("order_id");
    // "event_date" is reserved on Delta (RudderStack's partition column) but not on Postgres
    assertThat(delta.columnName("eventDate")).hasValue("_event_date");
    assertThat(postgres.columnName("eventDate")).hasValue("event_date");
  }

  @Test
  void prefixesEventTablesThatWouldTakeAFixedTable() {
    for (String fixed : NameRules.FIXED_TABLES) {
      assertThat(delta.eventTableName(fixed)).hasValue("_" + fixed);
    }
    assertThat(delta.eventTableName("Users")).hasValue("_users");
    assertThat(delta.eventTableName("User Signed Up")).hasValue("user_signed_up");
  }

  @Test
  void cutsNamesToTheDialectsLimit() {
    String longKey = "a".repeat(70);
    assertThat(postgres.columnName(longKey)).hasValue("a".repeat(63));
    assertThat(delta.columnName("b".repeat(200))).hasValue("b".repeat(127));
  }

  @Test
  void aKeyWithoutLettersOrDigitsHasNoName() {
    assertThat(delta.columnName("$$$")).isEmpty();
    assertThat(delta.eventTableName("!!!")).isEmpty();
  }
}
