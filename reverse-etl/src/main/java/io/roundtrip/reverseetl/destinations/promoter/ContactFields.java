package io.roundtrip.reverseetl.destinations.promoter;

import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.destinations.http.Prepared;
import io.roundtrip.reverseetl.destinations.http.Scalars;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An identify record as a Promoter contact, as Segment's Promoter destination page describes it:
 * "Promoter requires a {@code userId} and {@code email}, while {@code firstName} and {@code
 * lastName} are optional", and every other trait becomes an attribute to filter scores by.
 * Fields are Segment's traits as sent (camelCase) or their warehouse columns: {@code email};
 * {@code firstName}/{@code first_name}; {@code lastName}/{@code last_name}; the user id from
 * {@code user_id}, {@code userId} or {@code id} (a users table's key), kept as the attribute
 * {@code user_id}. Promoter attributes are flat text (the {@code promoter} gem stringifies them),
 * so a nested map or list is refused before anything is sent rather than sent mangled.
 *
 * @param userId null for a removal, which finds the contact by email alone
 * @param firstName null when not mapped
 * @param lastName null when not mapped
 * @param attributes attribute name -> text; null values are left out so Promoter keeps its own
 */
record ContactFields(String email, String userId, String firstName, String lastName, Map<String, String> attributes) {

  /** The contact attribute listing the surveys Roundtrip sent the contact (their idempotency keys). */
  static final String SURVEY_MARKER = "roundtrip_surveys";
  /** The contact attribute holding the user id sent with identify. */
  static final String USER_ID = "user_id";

  private static final Set<String> NAMES = Set.of("email", "first_name", "firstName", "last_name", "lastName",
      "user_id", "userId", "id");

  ContactFields {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** The contact of an identify record: userId and email are both required. */
  static Prepared<ContactFields> identify(SyncRecord record) {
    Prepared<ContactFields> contact = from(record);
    if (contact instanceof Prepared.Ready<ContactFields> ready && ready.value().userId() == null) {
      return Prepared.refused("userId is required (Segment's Promoter destination requires userId and email): "
          + "map user_id");
    }
    return contact;
  }

  /** The contact a removal names: the email is enough. */
  static Prepared<ContactFields> from(SyncRecord record) {
    Map<String, Object> fields = record.fields();
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      if (Scalars.isNested(field.getValue())) {
        return Prepared.refused("field " + field.getKey()
            + " is a nested map or list; Promoter contact attributes must be text, number or boolean");
      }
    }
    if (fields.containsKey(SURVEY_MARKER)) {
      return Prepared.refused(SURVEY_MARKER + " is reserved for Roundtrip's survey marker");
    }
    String email = Scalars.nonBlankText(fields.get("email"));
    if (email == null) {
      return Prepared.refused("email is required");
    }
    String userId = first(fields, "user_id", "userId", "id");
    Map<String, String> attributes = new LinkedHashMap<>();
    if (userId != null) {
      attributes.put(USER_ID, userId);
    }
    fields.forEach(
        (name, value) -> {
          if (!NAMES.contains(name) && value != null) {
            attributes.put(name, Scalars.text(value));
          }
        });
    return Prepared.ready(new ContactFields(email, userId, first(fields, "first_name", "firstName"),
        first(fields, "last_name", "lastName"), attributes));
  }

  private static String first(Map<String, Object> fields, String... names) {
    for (String name : names) {
      String value = Scalars.nonBlankText(fields.get(name));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** The contact object of both {@code contacts/} and {@code v2/survey/}; nulls left out. */
  Map<String, Object> contact(Map<String, String> attributesToSend) {
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("email", email);
    if (firstName != null) {
      contact.put("first_name", firstName);
    }
    if (lastName != null) {
      contact.put("last_name", lastName);
    }
    contact.put("attributes", attributesToSend);
    return contact;
  }
}
