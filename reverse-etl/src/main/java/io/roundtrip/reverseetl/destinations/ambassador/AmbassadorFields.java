package io.roundtrip.reverseetl.destinations.ambassador;

import io.roundtrip.reverseetl.destinations.http.Prepared;
import io.roundtrip.reverseetl.destinations.http.Scalars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A record's fields as the form parameters of one Ambassador call, named the way Segment's
 * Ambassador destination takes them: Segment's traits and properties (camelCase, as sent) or
 * their warehouse columns (snake_case, as loaded) become Ambassador's parameters without a
 * hand-written mapping. A field that already has an Ambassador parameter's name passes as it is.
 *
 * <ul>
 *   <li>identify ({@code ambassador/update}): {@code email}, {@code firstName}/{@code first_name},
 *       {@code lastName}/{@code last_name}, {@code company}, {@code phone}, {@code userId}/{@code
 *       user_id} (Ambassador's {@code uid}) and the address: a nested {@code address} ({@code
 *       street}, {@code city}, {@code state}, {@code postalCode}, {@code country}) or its loaded
 *       columns {@code address_street} ... {@code address_postal_code} -> {@code street}, {@code
 *       city}, {@code state}, {@code zip}, {@code country}; and {@code custom1}..{@code custom10};
 *   <li>track ({@code event/record}): {@code orderId}/{@code order_id} (the transaction uid),
 *       {@code revenue}, {@code commissionApproved} ({@code is_approved}), {@code
 *       eventData1}..{@code eventData3} ({@code event_data1}..{@code event_data3}), and who
 *       converted: {@code email}, {@code uid}, names.
 * </ul>
 *
 * <p>Other fields are not sent: a model's other columns (ids, timestamps, {@code context_*}) are
 * no Ambassador parameter. Booleans go as {@code 1} and {@code 0}, like the API's own flags. A
 * nested value other than the address has no form encoding, so such a record is refused.
 */
final class AmbassadorFields {

  /** Segment trait or warehouse column -> Ambassador parameter of {@code ambassador/update}. */
  private static final Map<String, String> IDENTIFY = new LinkedHashMap<>();
  /** Segment property or warehouse column -> Ambassador parameter of {@code event/record}. */
  private static final Map<String, String> TRACK = new LinkedHashMap<>();
  /** Keys of a nested Segment {@code address} -> Ambassador parameter. */
  private static final Map<String, String> ADDRESS = Map.of("street", "street", "city", "city", "state", "state",
      "postalCode", "zip", "postal_code", "zip", "zip", "zip", "country", "country");

  static {
    for (String name : List.of("email", "uid", "first_name", "last_name", "email_new", "company", "phone", "street",
        "city", "state", "zip", "country", "paypal_email", "sandbox")) {
      IDENTIFY.put(name, name);
    }
    for (int i = 1; i <= 10; i++) {
      IDENTIFY.put("custom" + i, "custom" + i);
    }
    IDENTIFY.putAll(Map.of("firstName", "first_name", "lastName", "last_name", "userId", "uid", "user_id", "uid",
        "address_street", "street", "address_city", "city", "address_state", "state", "address_country", "country"));
    IDENTIFY.putAll(Map.of("address_postal_code", "zip", "address_postalCode", "zip", "address_zip", "zip",
        "postalCode", "zip", "postal_code", "zip"));

    for (String name : List.of("email", "uid", "first_name", "last_name", "revenue", "transaction_uid", "short_code",
        "ip_address", "product_id", "custom1", "custom2", "custom3", "is_approved", "commission_amount",
        "event_data1", "event_data2", "event_data3", "auto_create", "email_new_ambassador",
        "deactivate_new_ambassador", "add_to_group_id")) {
      TRACK.put(name, name);
    }
    TRACK.putAll(Map.of("orderId", "transaction_uid", "order_id", "transaction_uid", "commissionApproved",
        "is_approved", "commission_approved", "is_approved", "firstName", "first_name", "lastName", "last_name",
        "userId", "uid", "user_id", "uid"));
    for (int i = 1; i <= 3; i++) {
      TRACK.putAll(Map.of("eventData" + i, "event_data" + i, "event_data_" + i, "event_data" + i));
    }
  }

  /** The parameters of who a record is: what {@code ambassador/get} takes. */
  static final Set<String> PERSON = Set.of("email", "uid", "first_name", "last_name");

  private AmbassadorFields() {}

  /** The {@code ambassador/update} parameters of an identify record. */
  static Prepared<Map<String, String>> identify(Map<String, Object> fields) {
    return params(fields, IDENTIFY, true);
  }

  /** The {@code event/record} parameters of a conversion record (without the campaign). */
  static Prepared<Map<String, String>> track(Map<String, Object> fields) {
    return params(fields, TRACK, false);
  }

  private static Prepared<Map<String, String>> params(Map<String, Object> fields, Map<String, String> names,
      boolean address) {
    Map<String, String> params = new LinkedHashMap<>();
    // a field already named as Ambassador names it wins over one translated into that name
    for (int pass = 0; pass < 2; pass++) {
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        String name = field.getKey();
        Object value = field.getValue();
        boolean exact = names.containsKey(name) && names.get(name).equals(name);
        if ((pass == 0) != exact || value == null) {
          continue; // a form cannot say null; leaving the parameter out keeps Ambassador's value
        }
        if (address && name.equals("address") && value instanceof Map<?, ?> nested) {
          Prepared<Map<String, String>> refused = addressInto(nested, params);
          if (refused != null) {
            return refused;
          }
          continue;
        }
        String param = names.get(name);
        if (param == null) {
          continue;
        }
        if (Scalars.isNested(value)) {
          return Prepared.refused("field " + name + " is a nested map or list; Ambassador parameters are text");
        }
        params.putIfAbsent(param, text(value));
      }
    }
    if (Scalars.nonBlankText(params.get("email")) == null) {
      return Prepared.refused("email is required");
    }
    return Prepared.ready(params);
  }

  /** Segment's nested address ({@code street}, {@code city}, {@code state}, {@code postalCode}, {@code country}). */
  private static Prepared<Map<String, String>> addressInto(Map<?, ?> address, Map<String, String> params) {
    for (Map.Entry<?, ?> part : address.entrySet()) {
      String param = ADDRESS.get(String.valueOf(part.getKey()));
      if (param == null || part.getValue() == null) {
        continue;
      }
      if (Scalars.isNested(part.getValue())) {
        return Prepared.refused("field address." + part.getKey()
            + " is a nested map or list; Ambassador parameters are text");
      }
      params.putIfAbsent(param, text(part.getValue()));
    }
    return null;
  }

  private static String text(Object value) {
    return value instanceof Boolean flag ? (flag ? "1" : "0") : Scalars.text(value);
  }

  /** The page URL a record happened on, which chooses its campaigns: {@code url}, else {@code context_page_url}. */
  static String url(Map<String, Object> fields) {
    String url = Scalars.nonBlankText(fields.get("url"));
    return url != null ? url : Scalars.nonBlankText(fields.get("context_page_url"));
  }

  /** The event a track record is: {@code event_text} (as sent, "Order Completed"), else {@code event}. */
  static String event(Map<String, Object> fields) {
    String text = Scalars.nonBlankText(fields.get("event_text"));
    return text != null ? text : Scalars.nonBlankText(fields.get("event"));
  }
}
