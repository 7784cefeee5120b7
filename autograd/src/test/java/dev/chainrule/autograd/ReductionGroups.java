package dev.chainrule.autograd;

import static dev.chainrule.autograd.TensorTesting.assertTensor;

import dev.chainrule.testkit.TensorArbitraries.Reduction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Reference for reductions over any axes (TensorReductionProperties, ScanSortProperties): group the input's elements by output element, apply a plain function. */
final class ReductionGroups {
    private ReductionGroups() {
    }

    /** Checks {@code actual} against {@code f} applied to each group of elements the reduction combines. */
    static void assertReduced(Reduction r, ToDoubleFunction<double[]> f, Tensor actual) {
        int[] shape = r.input().shape();
        boolean[] reduced = reduced(r);
        int[] kept = shape.clone();
        List<Integer> dropped = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                kept[d] = 1;
            } else {
                dropped.add(shape[d]);
            }
        }
        List<List<Double>> groups = new ArrayList<>();
        for (int k = 0; k < TensorTesting.size(kept); k++) {
            groups.add(new ArrayList<>());
        }
        double[] x = r.input().toArray();
        for (int k = 0; k < x.length; k++) {
            // an element's group: the keepDims result element that broadcasts back over it
            groups.get(TensorTesting.broadcastIndex(TensorTesting.unravel(k, shape), kept)).add(x[k]);
        }
        double[] expected = groups.stream()
                .mapToDouble(g -> f.applyAsDouble(g.stream().mapToDouble(Double::doubleValue).toArray())).toArray();
        int[] expectedShape = r.keepDims() ? kept : dropped.stream().mapToInt(Integer::intValue).toArray();
        assertTensor(expectedShape, expected, actual, 1e-12);
    }

    /** How many elements are combined into each output element. */
    static int size(Reduction r) {
        boolean[] reduced = reduced(r);
        int[] shape = r.input().shape();
        int n = 1;
        for (int d = 0; d < shape.length; d++) {
            n *= reduced[d] ? shape[d] : 1;
        }
        return n;
    }

    static double variance(double[] g, int correction) {
        double s = 0;
        for (double v : g) {
            s += v;
        }
        double m = s / g.length, q = 0;
        for (double v : g) {
            q += (v - m) * (v - m);
        }
        return q / (g.length - correction);
    }

    private static boolean[] reduced(Reduction r) {
        int rank = r.input().dim();
        boolean[] out = new boolean[rank];
        for (int a : r.axes()) {
            out[a < 0 ? a + rank : a] = true;
        }
        return out;
    }
}
