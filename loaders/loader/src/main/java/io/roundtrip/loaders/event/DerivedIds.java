package io.roundtrip.loaders.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The id of an event that came without a {@code messageId}: {@code rt-} and the first 128 bits of
 * the SHA-256 of the event's canonical JSON, in hex. Canonical means object keys sorted at every
 * level, no whitespace, and the transport keys ({@code integrations}, {@code _metadata},
 * {@code writeKey}, {@code projectId}, {@code version}, {@code options}) left out. So a replayed
 * file dedups like any other, also when the copy was re-serialised with other key order or spacing;
 * two events that differ in any field (their {@code receivedAt} included) get different ids.
 */
final class DerivedIds {

  static final String PREFIX = "rt-";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DerivedIds() {}

  static String of(String line, Set<String> transportKeys) {
    try {
      JsonNode event = JSON.readTree(line);
      ObjectNode top = (ObjectNode) canonical(event);
      top.remove(transportKeys);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(top));
      return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot derive an id for a line that parsed before", e);
    }
  }

  private static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      keys.sort(null);
      ObjectNode sorted = JsonNodeFactory.instance.objectNode();
      for (String key : keys) {
        sorted.set(key, canonical(node.get(key)));
      }
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode items = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> items.add(canonical(item)));
      return items;
    }
    return node;
  }
}
