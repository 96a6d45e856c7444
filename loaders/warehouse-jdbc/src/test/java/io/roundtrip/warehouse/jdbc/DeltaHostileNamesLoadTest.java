package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.delta.DeltaWarehouses;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.naming.Dialect;
import java.nio.file.Path;

/** The hostile names on Delta, beside PostgreSQL's run of the same events. */
class DeltaHostileNamesLoadTest extends HostileNamesLoadTest {

  @Override
  Warehouse open(Path dir) {
    return DeltaWarehouses.at(SharedSpark.session(), dir.resolve("warehouse").toString());
  }

  @Override
  Dialect dialect() {
    return Dialect.DELTA;
  }
}
