package io.roundtrip.loaders.load;

import io.roundtrip.loaders.archive.ArchiveFile;
import java.util.List;

/**
 * The files a load will read, decided before anything is written.
 *
 * @param files files to load, with checksums, in path order (their index is the file number)
 * @param alreadyLoaded files of the input whose checksum the manifest lists as loaded
 * @param loadTime the {@code uuid_ts} of every row, microseconds since the epoch; also the version
 *     of the stamp on every commit of the load
 * @param resumed whether this is a load that stopped part-way, run again
 */
public record LoadPlan(LoadRequest request, String loadId, List<ArchiveFile> files,
    List<ArchiveFile> alreadyLoaded, long loadTime, boolean resumed) {

  public boolean isEmpty() {
    return files.isEmpty();
  }
}
