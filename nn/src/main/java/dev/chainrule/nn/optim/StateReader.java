package dev.chainrule.nn.optim;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads a state snapshot back, checking each entry's presence and size and remembering what
 * was read, so entries nobody asked for are reported instead of silently ignored.
 */
final class StateReader {
    private final String owner;
    private final Map<String, double[]> entries;
    private final Set<String> read = new HashSet<>();

    StateReader(String owner, Map<String, double[]> entries) {
        this.owner = owner;
        this.entries = entries;
    }

    boolean has(String name) {
        return entries.containsKey(name);
    }

    double[] vector(String name, int size) {
        double[] v = entries.get(name);
        if (v == null) {
            throw new IllegalArgumentException(owner + ".loadState: missing entry '" + name + "'");
        }
        if (v.length != size) {
            throw new IllegalArgumentException(owner + ".loadState: entry '" + name + "' has " + v.length
                    + " numbers but its parameter has " + size);
        }
        read.add(name);
        return v;
    }

    double scalar(String name) {
        return vector(name, 1)[0];
    }

    long count(String name) {
        double d = scalar(name);
        if (!(d >= 0) || d != Math.rint(d) || d > (1L << 53)) {
            throw new IllegalArgumentException(owner + ".loadState: entry '" + name
                    + "' must be a non-negative whole number, got " + d);
        }
        return (long) d;
    }

    void checkAllRead() {
        for (String k : entries.keySet()) {
            if (!read.contains(k)) {
                throw new IllegalArgumentException(owner + ".loadState: unexpected entry '" + k
                        + "' (a state saved from different options or parameters?)");
            }
        }
    }
}
