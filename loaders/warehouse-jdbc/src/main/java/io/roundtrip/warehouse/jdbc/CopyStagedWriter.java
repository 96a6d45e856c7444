package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.StagedFile;
import io.roundtrip.warehouse.StagedWriter;
import io.roundtrip.warehouse.TableId;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.postgresql.PGConnection;

/**
 * One task's rows of one table, staged in PostgreSQL: encoded in binary COPY format into a local
 * file while the task runs, then, when it finishes, COPYed into a new staging table in one
 * transaction (the table and its rows appear together or not at all). Buffering in a file keeps a
 * task to one connection however many tables it writes, and the file costs one sequential write.
 */
final class CopyStagedWriter implements StagedWriter {

  private static final int BUFFER = 1 << 16;

  private final TableId table;
  private final StructType schema;
  private final String stage;
  private final TaskConnection connections;
  private final SqlDialect dialect;
  private final BinaryCopy copy;
  private Path file;
  private DataOutputStream out;
  private long rows;

  CopyStagedWriter(TableId table, StructType schema, String stage, TaskConnection connections, SqlDialect dialect) {
    this.table = table;
    this.schema = schema;
    this.stage = stage;
    this.connections = connections;
    this.dialect = dialect;
    this.copy = new BinaryCopy(schema);
  }

  @Override
  public void write(InternalRow row) {
    try {
      if (out == null) {
        file = Files.createTempFile("roundtrip-" + stage, ".pgcopy");
        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER));
        BinaryCopy.header(out);
      }
      copy.row(row, out);
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stage rows of " + table + " in " + file, e);
    }
  }

  @Override
  public StagedFile finish() {
    try {
      long bytes = 0;
      if (out != null) {
        BinaryCopy.trailer(out);
        out.close();
        out = null;
        bytes = Files.size(file);
      }
      Connection connection = connections.get();
      try {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
          statement.execute(dialect.createStage(stage, schema));
        }
        if (file != null) {
          try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + dialect.stage(stage) + " FROM STDIN WITH (FORMAT binary)", in, BUFFER);
          }
        }
        connection.commit();
      } catch (SQLException | IOException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      } finally {
        connections.release(connection);
      }
      return new StagedFile(table, stage, bytes, rows, null);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot stage " + rows + " rows of " + table + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stage rows of " + table + " from " + file, e);
    } finally {
      deleteFile();
    }
  }

  @Override
  public void abort() {
    try {
      if (out != null) {
        out.close();
        out = null;
      }
    } catch (IOException e) {
      // the file goes next
    }
    deleteFile();
  }

  private void deleteFile() {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temporary file; the OS cleans its temp folder
      }
      file = null;
    }
  }

  static void rollback(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
