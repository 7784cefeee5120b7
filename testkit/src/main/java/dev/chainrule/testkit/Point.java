package dev.chainrule.testkit;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A generated point for property tests of gradients: its coordinates, shown as
 * {@code (0.5, -1.25)} so jqwik's report of the shrunk sample can be pasted into a test.
 *
 * @param coords the coordinates (copied in and out; a Point never changes)
 */
public record Point(double[] coords) {

    /**
     * Copies the coordinates, so the caller's array stays its own.
     *
     * @param coords the coordinates
     */
    public Point {
        coords = coords.clone();
    }

    /** @return a fresh copy of the coordinates, to pass to a function */
    public double[] x() {
        return coords.clone();
    }

    /** @return the number of coordinates */
    public int size() {
        return coords.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Point p && Arrays.equals(coords, p.coords);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coords);
    }

    /** @return the coordinates as {@code (0.5, -1.25)} */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (double c : coords) {
            j.add(Double.toString(c));
        }
        return j.toString();
    }
}
