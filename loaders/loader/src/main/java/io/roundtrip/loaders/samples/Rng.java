package io.roundtrip.loaders.samples;

import java.util.List;

/**
 * xoshiro256** with the draws the generator needs. Hand-written rather than {@code java.util}'s
 * generators so the sequence, and therefore every byte of the archive, is fixed by this file and
 * not by the JDK version. Not thread-safe: one per day.
 */
final class Rng {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private long s0;
  private long s1;
  private long s2;
  private long s3;

  Rng(long seed) {
    long x = seed;
    s0 = splitMix(x += 0x9E3779B97F4A7C15L);
    s1 = splitMix(x += 0x9E3779B97F4A7C15L);
    s2 = splitMix(x += 0x9E3779B97F4A7C15L);
    s3 = splitMix(x + 0x9E3779B97F4A7C15L);
  }

  /** A seed for an independent stream, e.g. (run seed, day index): nearby inputs give unrelated streams. */
  static long derive(long seed, long stream) {
    return splitMix(seed ^ splitMix(stream * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L));
  }

  private static long splitMix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    long result = Long.rotateLeft(s1 * 5, 7) * 9;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in [0, bound); the bias of the multiply-shift is below 2^-32 for the bounds used here. */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in [from, to]. */
  int between(int from, int to) {
    return from + nextInt(to - from + 1);
  }

  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  boolean chance(double p) {
    return nextDouble() < p;
  }

  <T> T pick(List<T> items) {
    return items.get(nextInt(items.size()));
  }

  double normal() {
    // Box-Muller without caching the second value: simpler, and speed does not matter here.
    double u = 1.0 - nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * nextDouble());
  }

  double exponential(double mean) {
    return -mean * Math.log(1.0 - nextDouble());
  }

  /** Gamma(shape, scale) by Marsaglia-Tsang, boosted for shape < 1. */
  double gamma(double shape, double scale) {
    if (shape < 1) {
      return gamma(shape + 1, scale) * Math.pow(1.0 - nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = normal();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v * scale;
      }
    }
  }

  /** A random (version 4) UUID in the usual 8-4-4-4-12 lower-case hex form. */
  String uuid() {
    long hi = (nextLong() & ~0xF000L) | 0x4000L;
    long lo = (nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    char[] out = new char[36];
    int p = 0;
    for (int i = 60; i >= 0; i -= 4) {
      if (p == 8 || p == 13) {
        out[p++] = '-';
      }
      out[p++] = HEX[(int) (hi >>> i) & 15];
    }
    for (int i = 60; i >= 0; i -= 4) {
      if (p == 18 || p == 23) {
        out[p++] = '-';
      }
      out[p++] = HEX[(int) (lo >>> i) & 15];
    }
    return new String(out);
  }

  String hex(int chars) {
    char[] out = new char[chars];
    long bits = 0;
    for (int i = 0; i < chars; i++) {
      if (i % 16 == 0) {
        bits = nextLong();
      }
      out[i] = HEX[(int) (bits >>> (4 * (i % 16))) & 15];
    }
    return new String(out);
  }
}
