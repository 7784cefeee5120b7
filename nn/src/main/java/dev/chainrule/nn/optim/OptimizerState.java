package dev.chainrule.nn.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of an optimizer's state: the algorithm's name and named arrays, e.g.
 * {@code group.0.lr}, {@code param.3.step}, {@code param.3.exp_avg}. Parameters are numbered
 * in group order. Arrays are copied in and out, so a snapshot never changes.
 */
public final class OptimizerState {
    private final String algorithm;
    private final Map<String, double[]> entries;

    /**
     * A state for {@code algorithm} holding copies of {@code entries} (in their order).
     *
     * @param algorithm the optimizer's name
     * @param entries the named arrays of state
     */
    public OptimizerState(String algorithm, Map<String, double[]> entries) {
        this.algorithm = Objects.requireNonNull(algorithm, "OptimizerState: algorithm is null");
        Objects.requireNonNull(entries, "OptimizerState: entries is null");
        LinkedHashMap<String, double[]> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "OptimizerState: null key"),
                Objects.requireNonNull(v, () -> "OptimizerState: entry " + k + " is null").clone()));
        this.entries = copy;
    }

    /**
     * The optimizer's name ("SGD", "Adam", ...).
     *
     * @return the optimizer's name ("SGD", "Adam", ...)
     */
    public String algorithm() {
        return algorithm;
    }

    /**
     * The entry names, in order.
     *
     * @return the entry names, in order
     */
    public Iterable<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /**
     * A copy of entry {@code name}, or null when there is none.
     *
     * @param name the entry's name
     * @return a copy of entry {@code name}, or null when there is none
     */
    public double[] get(String name) {
        double[] v = entries.get(name);
        return v == null ? null : v.clone();
    }

    /**
     * A copy of every entry, in order.
     *
     * @return a copy of every entry, in order
     */
    public Map<String, double[]> entries() {
        LinkedHashMap<String, double[]> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** True when both hold the same algorithm and equal arrays under the same names. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OptimizerState)) {
            return false;
        }
        OptimizerState other = (OptimizerState) o;
        if (!algorithm.equals(other.algorithm) || !entries.keySet().equals(other.entries.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : entries.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), other.entries.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + entries.keySet().hashCode();
    }

    /** The algorithm and entry names with sizes. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("OptimizerState(").append(algorithm);
        entries.forEach((k, v) -> sb.append(", ").append(k).append('[').append(v.length).append(']'));
        return sb.append(')').toString();
    }
}
