package io.roundtrip.reverseetl.destinations.promoter;

import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.destinations.http.Prepared;
import io.roundtrip.reverseetl.destinations.http.Scalars;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A record as a Promoter contact: {@code email} (required), {@code first_name}, {@code last_name},
 * and every other mapped field as a custom attribute. Promoter attributes are flat text (the
 * {@code promoter} gem stringifies them), so a nested map or list is refused before anything is
 * sent rather than sent mangled.
 *
 * @param firstName null when not mapped
 * @param lastName null when not mapped
 * @param attributes attribute name -> text; null values are left out so Promoter keeps its own
 */
record ContactFields(String email, String firstName, String lastName, Map<String, String> attributes) {

  /** The contact attribute that marks which survey request reached a contact. */
  static final String SURVEY_MARKER = "roundtrip_survey";

  private static final Set<String> TOP_LEVEL = Set.of("email", "first_name", "last_name");

  ContactFields {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

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
    Map<String, String> attributes = new LinkedHashMap<>();
    fields.forEach(
        (name, value) -> {
          if (!TOP_LEVEL.contains(name) && value != null) {
            attributes.put(name, Scalars.text(value));
          }
        });
    return Prepared.ready(new ContactFields(
        email, Scalars.text(fields.get("first_name")), Scalars.text(fields.get("last_name")), attributes));
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
