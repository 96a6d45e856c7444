package io.roundtrip.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.reverseetl.mapping.FieldMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync's settings are checked when the file is read: a wrong one is a configuration error that
 * names the file and the line of the key, before any sync runs.
 */
class SyncConfigValidationTest {

  @TempDir
  Path tmp;

  private Path write(String syncs) throws IOException {
    Path file = tmp.resolve("roundtrip.yml");
    Files.writeString(file, "warehouse:\n  path: ./wh\nsyncs:\n" + syncs);
    return file;
  }

  private static final String GOOD = """
        - name: vip_hook
          model: shop_models.ltv
          primary_key: user_id
          destination: {type: webhook, url: "http://127.0.0.1:9/hook", secret_env: HOOK_SECRET}
      """;

  private void fails(Path file, int line, String... messages) {
    var thrown = assertThatThrownBy(() -> ConfigFile.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":" + line + ": ");
    for (String message : messages) {
      thrown.hasMessageContaining(message);
    }
  }

  @Test
  void anUnknownModeNamesTheFileAndTheLineOfMode() throws IOException {
    Path file = write(GOOD + """
        - name: second
          model: shop_models.ltv
          primary_key: user_id
          mode: upsertt
          destination: {type: webhook, url: "http://127.0.0.1:9/hook", secret_env: HOOK_SECRET}
      """);
    fails(file, 11, "syncs[1].mode", "unknown sync mode \"upsertt\"", "insert, update, upsert, mirror, add or remove");
  }

  @Test
  void aBadMappingNamesTheField() throws IOException {
    Path file = write("""
        - name: vip_hook
          model: shop_models.ltv
          primary_key: user_id
          destination: {type: webhook, url: "http://127.0.0.1:9/hook", secret_env: HOOK_SECRET}
          mapping:
            email: email
            name: {shout: first_name}
      """);
    fails(file, 10, "syncs[0].mapping.name", "unknown function \"shout\"");
  }

  @Test
  void aMappingWithABadPatternIsRefusedToo() throws IOException {
    Path file = write("""
        - name: vip_hook
          model: shop_models.ltv
          primary_key: user_id
          destination: {type: webhook, url: "http://127.0.0.1:9/hook", secret_env: HOOK_SECRET}
          mapping:
            phone: {replace: {column: phone, pattern: "[0-9", with: ""}}
      """);
    fails(file, 9, "syncs[0].mapping.phone");
  }

  @Test
  void aWebhookWithoutUrlNamesDestinationUrl() throws IOException {
    Path file = write("""
        - name: vip_hook
          model: shop_models.ltv
          primary_key: user_id
          destination:
            type: webhook
            secret_env: HOOK_SECRET
      """);
    fails(file, 7, "syncs[0].destination", "a webhook needs the url");
  }

  @Test
  void aTableWithoutJdbcUrlNamesIt() throws IOException {
    Path file = write("""
        - name: crm
          model: shop_models.ltv
          primary_key: user_id
          destination:
            type: postgres
            jdbc_url: postgresql://db/crm
            table: public.customers
      """);
    fails(file, 9, "syncs[0].destination.jdbc_url", "is not a JDBC URL");
    Path missing = write("""
        - name: crm
          model: shop_models.ltv
          primary_key: user_id
          destination: {type: postgres, table: public.customers}
      """);
    fails(missing, 7, "needs jdbc_url");
  }

  @Test
  void aBadSyncNameIsRefused() throws IOException {
    Path file = write("""
        - name: vip hook
          model: shop_models.ltv
          primary_key: user_id
          destination: {type: webhook, url: "http://127.0.0.1:9/hook", secret_env: HOOK_SECRET}
      """);
    fails(file, 4, "syncs[0].name", "\"vip hook\" is not a sync name");
  }

  @Test
  void aSyncNameUsedTwiceIsRefusedAtItsSecondUse() throws IOException {
    fails(write(GOOD + GOOD), 8, "syncs[1].name", "used twice");
  }

  @Test
  void afterMustNameAnotherSyncOfTheFile() throws IOException {
    Path file = write(GOOD + """
        - name: conversions
          model: shop_models.orders
          primary_key: id
          after: vip_identify
          destination: {type: webhook, url: "http://127.0.0.1:9/hook", secret_env: HOOK_SECRET}
      """);
    fails(file, 11, "syncs[1].after", "runs after \"vip_identify\", which is not a sync here", "[vip_hook, conversions]");
  }

  @Test
  void syncsCannotRunAfterEachOtherInACircle() throws IOException {
    Path file = write("""
        - name: a
          model: shop_models.ltv
          primary_key: user_id
          after: [b]
          destination: {type: webhook, url: "http://127.0.0.1:9/hook", secret_env: HOOK_SECRET}
        - name: b
          model: shop_models.ltv
          primary_key: user_id
          after: a
          destination: {type: webhook, url: "http://127.0.0.1:9/hook", secret_env: HOOK_SECRET}
      """);
    fails(file, 7, "syncs[0].after", "a after b after a");
  }

  @Test
  void anAmbassadorConversionsSyncNeedsItsCampaignsAndConversionEvents() throws IOException {
    Path noCampaigns = write("""
        - name: conversions
          model: web.order_completed
          primary_key: id
          mode: insert
          destination:
            type: ambassador
            username: acme
            token_env: AMBASSADOR_TOKEN
            events: {Order Completed: conversion}
      """);
    fails(noCampaigns, 12, "syncs[0].destination.events", "need campaigns");
    Path badEvent = write("""
        - name: conversions
          model: web.order_completed
          primary_key: id
          destination:
            type: ambassador
            username: acme
            token_env: AMBASSADOR_TOKEN
            campaigns: {"example.com/*": "1001"}
            events: {Order Completed: commission}
      """);
    fails(badEvent, 12, "use conversion");
  }

  @Test
  void aPromoterSurveyEventNeedsTheSurveyCampaign() throws IOException {
    Path file = write("""
        - name: nps
          model: web.tracks
          primary_key: id
          destination:
            type: promoter
            api_key_env: PROMOTER_KEY
            events: {Friend Invited: survey}
      """);
    fails(file, 10, "syncs[0].destination.events", "survey_campaign_id");
  }

  @Test
  void aCredentialMustComeFromANamedVariable() throws IOException {
    Path file = write("""
        - name: vips
          model: shop_models.ltv
          primary_key: email
          destination: {type: ambassador, username: acme, group: "12"}
      """);
    fails(file, 7, "token_env must name the environment variable");
  }

  @Test
  void withoutMappingEverySyncSendsEveryColumnAsIs() throws IOException {
    RoundtripConfig config = ConfigFile.load(write(GOOD), Map.of());

    SyncConfig sync = config.sync("vip_hook");
    assertThat(sync.mapping()).isNull();
    assertThat(sync.definition().mapper().resolved()).isFalse();
    assertThat(sync.definition().mapper().resolve(java.util.List.of("user_id", "email")).fields())
        .containsExactly(Map.entry("user_id", new FieldMapping.Column("user_id")),
            Map.entry("email", new FieldMapping.Column("email")));
  }

  @Test
  void theReadmesAmbassadorMirrorExampleIsValid() throws IOException {
    Path file = write("""
        - name: vip_ambassadors
          model: SELECT email, first_name, last_name FROM web_models.ltv_customers WHERE clv > 500
          primary_key: email
          mode: mirror                        # add to the group, remove who left the segment
          destination: {type: ambassador, username: acme, token_env: AMBASSADOR_TOKEN, group: "12"}
      """);
    SyncConfig sync = ConfigFile.load(file, Map.of()).sync("vip_ambassadors");
    assertThat(sync.destination().describe()).isEqualTo("ambassador identify");
    assertThat(sync.definition().mode().name()).isEqualTo("MIRROR");
  }

  @Test
  void theReadmesSyncsExampleIsValid() throws IOException {
    // the repository's README, read where the build runs (spark-jobs/): its syncs: example must keep working
    String readme = Files.readString(Path.of("..", "README.md"));
    int section = readme.indexOf("## Configuration (`roundtrip.yml`)");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String example = readme.substring(start, readme.indexOf("```", start));
    String yaml = example.substring(example.indexOf("\nsyncs:\n") + 1);
    Path file = tmp.resolve("readme.yml");
    Files.writeString(file, yaml);

    RoundtripConfig config = ConfigFile.load(file, Map.of("S3_SECRET_KEY", "x"));

    assertThat(config.syncs()).extracting(SyncConfig::name)
        .containsExactly("vip_to_postgres", "vip_ambassadors", "referral_conversions", "nps_surveys");
    assertThat(config.sync("referral_conversions").after()).containsExactly("vip_ambassadors");
    assertThat(config.sync("referral_conversions").destination().describe()).isEqualTo("ambassador track");
    assertThat(config.sync("nps_surveys").destination().describe()).isEqualTo("promoter track");
  }
}
