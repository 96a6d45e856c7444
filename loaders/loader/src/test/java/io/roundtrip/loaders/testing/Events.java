package io.roundtrip.loaders.testing;

/** Hand-written Segment events for tests: one JSON line each, with only the fields a test cares about. */
public final class Events {

  private Events() {}

  public static String track(String messageId, String userId, String event, String receivedAt, String properties) {
    return "{\"type\":\"track\",\"messageId\":\"" + messageId + "\",\"userId\":\"" + userId + "\",\"event\":\"" + event
        + "\",\"receivedAt\":\"" + receivedAt + "\",\"properties\":" + properties + "}";
  }

  public static String identify(String messageId, String userId, String receivedAt, String traits) {
    return "{\"type\":\"identify\",\"messageId\":\"" + messageId + "\",\"userId\":\"" + userId
        + "\",\"receivedAt\":\"" + receivedAt + "\",\"traits\":" + traits + "}";
  }

  public static String group(String messageId, String userId, String groupId, String receivedAt, String traits) {
    return "{\"type\":\"group\",\"messageId\":\"" + messageId + "\",\"userId\":\"" + userId + "\",\"groupId\":\""
        + groupId + "\",\"receivedAt\":\"" + receivedAt + "\",\"traits\":" + traits + "}";
  }

  public static String page(String messageId, String anonymousId, String name, String receivedAt, String properties) {
    return "{\"type\":\"page\",\"messageId\":\"" + messageId + "\",\"anonymousId\":\"" + anonymousId + "\",\"name\":\""
        + name + "\",\"receivedAt\":\"" + receivedAt + "\",\"properties\":" + properties + "}";
  }

  public static String alias(String messageId, String previousId, String userId, String receivedAt) {
    return "{\"type\":\"alias\",\"messageId\":\"" + messageId + "\",\"previousId\":\"" + previousId
        + "\",\"userId\":\"" + userId + "\",\"receivedAt\":\"" + receivedAt + "\"}";
  }
}
