package io.roundtrip.loaders.archive;

import java.io.Serializable;

/** One file of an archive, as found on disk (or in object storage). */
public record ArchiveFile(String path, long size, String checksum) implements Serializable {}
