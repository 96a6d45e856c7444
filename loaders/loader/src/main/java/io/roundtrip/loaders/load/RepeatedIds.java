package io.roundtrip.loaders.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * The messageIds that occur more than once within a load, and the position of the copy kept (the
 * first in file order). Found without a shuffle: the tasks send the driver one 64-bit hash per event
 * (8 bytes, where sorting them is a fraction of a second per million), the hashes seen twice are the
 * candidates, and a second pass brings back only the candidates' ids and positions, which settle
 * each one exactly (two different ids sharing a hash are told apart here, so a hash collision
 * never drops an event).
 */
final class RepeatedIds {

  private RepeatedIds() {}

  static IdIndex find(JavaSparkContext jsc, JavaRDD<EventChunk> chunks) {
    List<long[]> perChunk = chunks.map(RepeatedIds::hashes).collect();
    long[] all = new long[perChunk.stream().mapToInt(h -> h.length).sum()];
    int at = 0;
    for (long[] hashes : perChunk) {
      System.arraycopy(hashes, 0, all, at, hashes.length);
      at += hashes.length;
    }
    Arrays.sort(all);
    Set<Long> candidates = new HashSet<>();
    for (int i = 1; i < all.length; i++) {
      if (all[i] == all[i - 1]) {
        candidates.add(all[i]);
      }
    }
    if (candidates.isEmpty()) {
      return IdIndex.empty();
    }
    Broadcast<Set<Long>> shared = jsc.broadcast(candidates);
    List<Tuple2<String, Long>> copies = chunks.flatMap(chunk -> {
      List<Tuple2<String, Long>> found = new ArrayList<>();
      for (int i = 0; i < chunk.size; i++) {
        if (shared.value().contains(IdIndex.hash(chunk.ids[i]))) {
          found.add(new Tuple2<>(chunk.ids[i], chunk.position(i)));
        }
      }
      return found.iterator();
    }).collect();
    shared.destroy();
    Map<String, long[]> byId = new HashMap<>(); // id -> {copies, first position}
    for (Tuple2<String, Long> copy : copies) {
      long[] seen = byId.computeIfAbsent(copy._1(), id -> new long[] {0, Long.MAX_VALUE});
      seen[0]++;
      seen[1] = Math.min(seen[1], copy._2());
    }
    IdIndex repeated = new IdIndex(byId.size());
    byId.forEach((id, seen) -> {
      if (seen[0] > 1) {
        repeated.put(id, seen[1]);
      }
    });
    return repeated;
  }

  private static long[] hashes(EventChunk chunk) {
    long[] hashes = new long[chunk.size];
    for (int i = 0; i < chunk.size; i++) {
      hashes[i] = IdIndex.hash(chunk.ids[i]);
    }
    return hashes;
  }
}
