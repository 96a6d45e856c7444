package io.roundtrip.models.sql.render;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;

/**
 * What {@code ref()}, {@code source()} and {@code this} give a template: it renders as the
 * relation's name in the warehouse's SQL, and has dbt's {@code .schema}, {@code .identifier} and
 * {@code .name}. An ephemeral model renders as the name of its CTE.
 */
public final class RelationValue implements PyishSerializable {

  private final String schema;
  private final String identifier;
  private final String rendered;

  public RelationValue(String schema, String identifier, String rendered) {
    this.schema = schema;
    this.identifier = identifier;
    this.rendered = rendered;
  }

  public String getSchema() {
    return schema;
  }

  public String getIdentifier() {
    return identifier;
  }

  public String getName() {
    return identifier;
  }

  /** dbt Relations have no database here: the warehouse is one catalog. */
  public String getDatabase() {
    return null;
  }

  /** The relation's rows that match {@code condition}, as a subquery: a test's {@code where} config. */
  public RelationValue where(String condition) {
    return new RelationValue(schema, identifier, "(select * from " + rendered + " where " + condition + ") dbt_subquery");
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable) throws IOException {
    return (T) appendable.append(rendered);
  }

  @Override
  public String toString() {
    return rendered;
  }
}
