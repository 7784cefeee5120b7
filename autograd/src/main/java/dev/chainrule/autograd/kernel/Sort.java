package dev.chainrule.autograd.kernel;

/**
 * Loops of sorting and index selection along one axis: a stable merge sort of each slice's
 * positions, arg-max/min and the lower median. The tensor is seen as {@code [outer, n, inner]}
 * around the axis; results hold positions along the axis, as doubles (chainrule's index
 * tensors). NaN orders after every number (so first when descending), as PyTorch; -0.0 and
 * 0.0 are equal, so they keep their order.
 */
public final class Sort {
    private Sort() {
    }

    /**
     * The positions of the first {@code k} elements of each slice sorted stably (equal elements
     * keep their order), into {@code [outer, k, inner]}.
     *
     * @param in         the numbers, row-major {@code [outer, n, inner]}
     * @param outer      the product of the axes before the sorted axis
     * @param n          the length of the sorted axis
     * @param inner      the product of the axes after it
     * @param k          how many positions to keep per slice, 0 to n
     * @param descending whether the largest come first
     * @return a new array of {@code outer · k · inner} positions along the axis (whole numbers, as doubles)
     */
    public static double[] sortedPositions(double[] in, int outer, int n, int inner, int k, boolean descending) {
        double[] out = new double[outer * k * inner];
        int[] pos = new int[n];
        int[] tmp = new int[n];
        double[] keys = new double[n];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                sortSlice(in, o, j, n, inner, descending, pos, tmp, keys);
                for (int t = 0; t < k; t++) {
                    out[(o * k + t) * inner + j] = pos[t];
                }
            }
        }
        return out;
    }

    /**
     * The position of each slice's largest ({@code max}) or smallest element, the first on a tie;
     * a NaN counts as the extreme (the first NaN wins), as PyTorch's argmax and argmin.
     *
     * @param in    the numbers, row-major {@code [outer, n, inner]}
     * @param outer the product of the axes before the searched axis
     * @param n     the length of the searched axis, at least 1
     * @param inner the product of the axes after it
     * @param max   true for the largest, false for the smallest
     * @return a new array of {@code outer · inner} positions along the axis (whole numbers, as doubles)
     */
    public static double[] argExtremum(double[] in, int outer, int n, int inner, boolean max) {
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int best = 0;
                double b = in[o * n * inner + j];
                for (int t = 1; t < n && b == b; t++) {
                    double v = in[(o * n + t) * inner + j];
                    if (v != v || (max ? v > b : v < b)) {
                        best = t;
                        b = v;
                    }
                }
                out[o * inner + j] = best;
            }
        }
        return out;
    }

    /**
     * The position of each slice's lower median, element {@code (n - 1) / 2} of the stable
     * ascending order; where a slice holds a NaN, its first NaN (the median is NaN, as PyTorch).
     *
     * @param in    the numbers, row-major {@code [outer, n, inner]}
     * @param outer the product of the axes before the searched axis
     * @param n     the length of the searched axis, at least 1
     * @param inner the product of the axes after it
     * @return a new array of {@code outer · inner} positions along the axis (whole numbers, as doubles)
     */
    public static double[] lowerMedian(double[] in, int outer, int n, int inner) {
        double[] out = new double[outer * inner];
        int[] pos = new int[n];
        int[] tmp = new int[n];
        double[] keys = new double[n];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                sortSlice(in, o, j, n, inner, false, pos, tmp, keys);
                int firstNaN = -1;
                for (int t = 0; t < n && firstNaN < 0; t++) {
                    if (keys[t] != keys[t]) {
                        firstNaN = t;
                    }
                }
                out[o * inner + j] = firstNaN >= 0 ? firstNaN : pos[(n - 1) / 2];
            }
        }
        return out;
    }

    /** Fills {@code pos} with slice (o, j)'s positions in stable sorted order; {@code keys} gets the slice. */
    private static void sortSlice(double[] in, int o, int j, int n, int inner, boolean descending,
                                  int[] pos, int[] tmp, double[] keys) {
        for (int t = 0; t < n; t++) {
            keys[t] = in[(o * n + t) * inner + j];
            pos[t] = t;
        }
        mergeSort(pos, tmp, keys, 0, n, descending);
    }

    /** Stable top-down merge sort of {@code pos[from, to)} by {@code keys[pos]}. */
    private static void mergeSort(int[] pos, int[] tmp, double[] keys, int from, int to, boolean descending) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(pos, tmp, keys, from, mid, descending);
        mergeSort(pos, tmp, keys, mid, to, descending);
        int i = from, k = mid, t = from;
        while (i < mid && k < to) {
            // take from the right half only when strictly before: equal keys keep their order
            tmp[t++] = before(keys[pos[k]], keys[pos[i]], descending) ? pos[k++] : pos[i++];
        }
        while (i < mid) {
            tmp[t++] = pos[i++];
        }
        while (k < to) {
            tmp[t++] = pos[k++];
        }
        System.arraycopy(tmp, from, pos, from, to - from);
    }

    /** Whether x sorts strictly before y: NaN is larger than every number and equal to NaN. */
    private static boolean before(double x, double y, boolean descending) {
        boolean xn = x != x, yn = y != y;
        if (xn || yn) {
            return descending ? xn && !yn : yn && !xn;
        }
        return descending ? x > y : x < y;
    }
}
