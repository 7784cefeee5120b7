package dev.chainrule.autograd;

import static dev.chainrule.testkit.TensorArbitraries.gaussian;
import static dev.chainrule.autograd.TensorTesting.checkGradientsOfAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.testkit.TensorArbitraries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Einsum over random specs (one to three operands, repeated letters for diagonals, summed
 * letters, {@code ...} with broadcast axes, implicit and explicit outputs, uppercase letters)
 * against a brute-force oracle that loops over every assignment of every label, and its
 * gradients (first and second order) against finite differences.
 */
class EinsumProperties {
    private static final String POOL = "abcdB";

    /** A random spec with operands of matching shapes, and the oracle's reading of it. */
    private record Case(String spec, Tensor[] operands, int[] outShape, double[] expected) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(spec);
            for (Tensor t : operands) {
                b.append(' ').append(Arrays.toString(t.shape()));
            }
            return b.toString();
        }
    }

    private static Case draw(Random rng) {
        int[] size = new int[128];
        for (char c : POOL.toCharArray()) {
            size[c] = 1 + rng.nextInt(3);
        }
        int[] ellipsis = new int[rng.nextInt(3)];
        for (int d = 0; d < ellipsis.length; d++) {
            ellipsis[d] = 1 + rng.nextInt(3);
        }
        int nOps = 1 + rng.nextInt(3);
        boolean useEllipsis = rng.nextInt(3) == 0;
        String[] terms = new String[nOps];
        int[][] own = new int[nOps][]; // each operand's part of the "..." axes (trailing, some broadcast as 1)
        Tensor[] ops = new Tensor[nOps];
        for (int i = 0; i < nOps; i++) {
            StringBuilder t = new StringBuilder();
            int letters = rng.nextInt(4);
            for (int j = 0; j < letters; j++) {
                t.append(POOL.charAt(rng.nextInt(POOL.length())));
            }
            own[i] = new int[0];
            if (useEllipsis && rng.nextInt(4) != 0) {
                own[i] = Arrays.copyOfRange(ellipsis, rng.nextInt(ellipsis.length + 1), ellipsis.length);
                for (int d = 0; d < own[i].length; d++) {
                    own[i][d] = rng.nextInt(3) == 0 ? 1 : own[i][d];
                }
                t.insert(rng.nextInt(t.length() + 1), "...");
            }
            terms[i] = t.toString();
            ops[i] = gaussian(rng, shapeOf(terms[i], own[i], size));
        }
        boolean anyEllipsis = Arrays.stream(terms).anyMatch(t -> t.contains("..."));
        int[] eShape = broadcastEllipsis(own);
        String spec = String.join(",", terms);
        String out;
        if (rng.nextBoolean()) {
            out = implicitOutput(terms, anyEllipsis);
        } else {
            List<Character> used = new ArrayList<>(new TreeSet<>(letters(terms)));
            java.util.Collections.shuffle(used, rng);
            StringBuilder o = new StringBuilder();
            for (char c : used) {
                if (rng.nextBoolean()) {
                    o.append(c);
                }
            }
            if (anyEllipsis && rng.nextInt(4) != 0) {
                o.insert(rng.nextInt(o.length() + 1), "...");
            }
            out = o.toString();
            spec = spec + "->" + out;
        }
        int[] outShape = shapeOf(out, eShape, size);
        return new Case(spec, ops, outShape, oracle(terms, own, ops, out, eShape, size, outShape));
    }

    private static List<Character> letters(String[] terms) {
        List<Character> l = new ArrayList<>();
        for (String t : terms) {
            for (char c : t.replace("...", "").toCharArray()) {
                l.add(c);
            }
        }
        return l;
    }

    private static String implicitOutput(String[] terms, boolean anyEllipsis) {
        List<Character> all = letters(terms);
        StringBuilder o = new StringBuilder(anyEllipsis ? "..." : "");
        new TreeSet<>(all).forEach(c -> {
            if (all.stream().filter(x -> x.equals(c)).count() == 1) {
                o.append(c);
            }
        });
        return o.toString();
    }

    private static int[] shapeOf(String term, int[] ell, int[] size) {
        List<Integer> s = new ArrayList<>();
        for (int c = 0; c < term.length(); c++) {
            if (term.charAt(c) == '.') {
                for (int d : ell) {
                    s.add(d);
                }
                c += 2;
            } else {
                s.add(size[term.charAt(c)]);
            }
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] broadcastEllipsis(int[][] own) {
        int rank = Arrays.stream(own).mapToInt(o -> o.length).max().orElse(0);
        int[] e = new int[rank];
        Arrays.fill(e, 1);
        for (int[] o : own) {
            for (int d = 0; d < o.length; d++) {
                e[rank - o.length + d] = Math.max(e[rank - o.length + d], o[d]);
            }
        }
        return e;
    }

    /** Σ over every assignment of the letters and "..." axes of the product of the operands' entries. */
    private static double[] oracle(String[] terms, int[][] own, Tensor[] ops, String out, int[] eShape, int[] size,
                                   int[] outShape) {
        List<Character> distinct = new ArrayList<>(new TreeSet<>(letters(terms)));
        int[] loopShape = new int[distinct.size() + eShape.length];
        for (int i = 0; i < distinct.size(); i++) {
            loopShape[i] = size[distinct.get(i)];
        }
        System.arraycopy(eShape, 0, loopShape, distinct.size(), eShape.length);
        double[] result = new double[TensorTesting.size(outShape)];
        int total = TensorTesting.size(loopShape);
        for (int k = 0; k < total; k++) {
            int[] assign = TensorTesting.unravel(k, loopShape);
            double p = 1;
            for (int i = 0; i < ops.length; i++) {
                p *= ops[i].toArray()[position(terms[i], own[i], assign, distinct, eShape, ops[i].shape())];
            }
            result[position(out, eShape, assign, distinct, eShape, outShape)] += p;
        }
        return result;
    }

    /** Where the assignment reads in an operand (a "..." axis of length 1 is read at 0: broadcasting). */
    private static int position(String term, int[] ell, int[] assign, List<Character> distinct, int[] eShape, int[] shape) {
        List<Integer> idx = new ArrayList<>();
        for (int c = 0; c < term.length(); c++) {
            if (term.charAt(c) == '.') {
                for (int d = 0; d < ell.length; d++) {
                    int e = eShape.length - ell.length + d;
                    idx.add(ell[d] == 1 ? 0 : assign[distinct.size() + e]);
                }
                c += 2;
            } else {
                idx.add(assign[distinct.indexOf(term.charAt(c))]);
            }
        }
        return TensorTesting.ravel(idx.stream().mapToInt(Integer::intValue).toArray(), shape);
    }

    @Property(tries = 150)
    void matchesTheBruteForceSum(@ForAll long seed) {
        Case c = draw(new Random(seed));
        Tensor y = Tensor.einsum(c.spec, c.operands);
        assertArrayEquals(c.outShape, y.shape(), c::toString);
        TensorTesting.assertClose(c.expected, y.toArray(), 1e-12, c.toString());
    }

    @Property(tries = 60)
    void gradientsOfFirstAndSecondOrder(@ForAll long seed) {
        Case c = draw(new Random(seed));
        checkGradientsOfAll(v -> Tensor.einsum(c.spec, v.toArray(new Tensor[0])), c.operands);
    }

    @Property(tries = 20)
    void contractionsRunOnTheMatmulKernel(@ForAll long seed) {
        Random rng = new Random(seed);
        int i = 1 + rng.nextInt(4), j = 1 + rng.nextInt(4), k = 1 + rng.nextInt(4);
        Tensor a = TensorArbitraries.gaussianLeaf(rng, 2, i, j), b = TensorArbitraries.gaussianLeaf(rng, 2, j, k);
        Tensor c = TensorArbitraries.gaussianLeaf(rng, k, j);
        assertOneProduct(Tensor.einsum("bij,bjk->bik", a, b), "matmul");
        assertOneProduct(Tensor.einsum("...ij,...jk", a, b), "matmul");
        assertOneProduct(Tensor.einsum("bij,kj->bik", a, c), "matmulTransB");
        assertOneProduct(Tensor.einsum("bji,bjk->ik", a, a), "matmulTransA");
    }

    /** The graph holds exactly one product node, of the given kind, and a handful of others (views, permutes). */
    private static void assertOneProduct(Tensor y, String product) {
        List<String> ops = new ArrayList<>();
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>(List.of(y));
        java.util.Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (seen.add(n)) {
                ops.add(((Tensor) n).op());
                todo.addAll(Arrays.asList(n.inputs));
            }
        }
        assertEquals(1, ops.stream().filter(o -> o.startsWith("matmul")).count(), ops::toString);
        assertTrue(ops.contains(product), ops::toString);
        assertTrue(ops.size() <= 8, ops::toString);
    }

    @Property(tries = 30)
    void spacesAreIgnoredAndMatmulIsAContraction(@ForAll long seed) {
        Random rng = new Random(seed);
        int b = 1 + rng.nextInt(3), i = 1 + rng.nextInt(4), j = 1 + rng.nextInt(4), k = 1 + rng.nextInt(4);
        Tensor x = gaussian(rng, b, i, j), y = gaussian(rng, b, j, k), w = gaussian(rng, k, j);
        TensorTesting.assertClose(x.matmul(y).toArray(), Tensor.einsum("b i j , b j k -> b i k", x, y).toArray(), 1e-12, "bmm");
        TensorTesting.assertClose(x.matmul(w.T()).toArray(), Tensor.einsum("bij,kj->bik", x, w).toArray(), 1e-12, "A·Bᵀ");
        TensorTesting.assertClose(x.transpose(1, 2).matmul(x).toArray(), Tensor.einsum("bji,bjk->bik", x, x).toArray(), 1e-12, "Aᵀ·A");
    }
}
