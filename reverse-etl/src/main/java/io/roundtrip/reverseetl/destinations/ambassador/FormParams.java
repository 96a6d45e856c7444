package io.roundtrip.reverseetl.destinations.ambassador;

import io.roundtrip.reverseetl.destinations.http.Prepared;
import io.roundtrip.reverseetl.destinations.http.Scalars;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A record's fields as Ambassador form parameters. Every mapped field is passed through (the API
 * takes more parameters than this destination knows of, such as {@code custom1}..{@code custom10}
 * or {@code auto_create}); a nested map or list has no form encoding, so such a record is refused.
 */
final class FormParams {

  private FormParams() {}

  static Prepared<Map<String, String>> from(Map<String, Object> fields, Set<String> leftOut) {
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      String name = field.getKey();
      Object value = field.getValue();
      if (leftOut.contains(name) || value == null) {
        continue; // a form cannot say null; leaving the parameter out keeps Ambassador's value
      }
      if (Scalars.isNested(value)) {
        return Prepared.refused("field " + name + " is a nested map or list; Ambassador parameters are text");
      }
      params.put(name, value instanceof Boolean flag ? (flag ? "1" : "0") : Scalars.text(value));
    }
    if (Scalars.nonBlankText(params.get("email")) == null) {
      return Prepared.refused("email is required");
    }
    return Prepared.ready(params);
  }
}
