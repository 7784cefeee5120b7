package dev.chainrule.autograd;

import static dev.chainrule.autograd.TorchJson.data;
import static dev.chainrule.autograd.TorchJson.ints;
import static dev.chainrule.autograd.TorchJson.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@link Linalg} op, forward and gradient, against PyTorch 1.13's {@code torch.linalg} on
 * fixed well-conditioned float64 inputs, single and batched ({@code src/test/python/torch_linalg_reference.py}
 * wrote {@code linalg/torch_reference.json}), to 1e-9. The loss of each case is
 * {@code Σ_i sum(W_i ∘ output_i)} with the weights W_i read from the file. Factors defined up to
 * sign were normalized in the script the way chainrule fixes them.
 */
class TorchLinalgReferenceTest {
    private static final double TOL = 1e-9;
    private static JsonNode ref;

    /** chainrule's side of each op named in the file: inputs to the outputs compared. */
    private static final Map<String, Function<List<Tensor>, List<Tensor>>> OPS = Map.ofEntries(
            Map.entry("solve", x -> List.of(Linalg.solve(x.get(0), x.get(1)))),
            Map.entry("inv", x -> List.of(Linalg.inv(x.get(0)))),
            Map.entry("solveTriangularUpper", x -> List.of(Linalg.solveTriangular(x.get(0), x.get(1), true))),
            Map.entry("solveTriangularLower", x -> List.of(Linalg.solveTriangular(x.get(0), x.get(1), false))),
            Map.entry("choleskySolve", x -> List.of(Linalg.choleskySolve(x.get(0), x.get(1)))),
            Map.entry("slogdet", x -> {
                Linalg.SignLogDet s = Linalg.slogdet(x.get(0));
                return List.of(s.sign(), s.logAbsDet());
            }),
            Map.entry("det", x -> List.of(Linalg.det(x.get(0)))),
            Map.entry("logdet", x -> List.of(Linalg.logdet(x.get(0)))),
            Map.entry("cholesky", x -> List.of(Linalg.cholesky(x.get(0)))),
            Map.entry("diagonal", x -> List.of(Linalg.diagonal(x.get(0)))),
            Map.entry("trace", x -> List.of(Linalg.trace(x.get(0)))),
            Map.entry("eigh", x -> {
                Linalg.Eigh e = Linalg.eigh(x.get(0));
                return List.of(e.eigenvalues(), e.eigenvectors());
            }),
            Map.entry("svd", x -> {
                Linalg.Svd s = Linalg.svd(x.get(0));
                return List.of(s.u(), s.s(), s.vh());
            }),
            Map.entry("qr", x -> {
                Linalg.Qr q = Linalg.qr(x.get(0));
                return List.of(q.q(), q.r());
            }),
            Map.entry("pinv", x -> List.of(Linalg.pinv(x.get(0)))),
            Map.entry("matrixNormFro", x -> List.of(Linalg.matrixNorm(x.get(0), "fro"))),
            Map.entry("matrixNormNuc", x -> List.of(Linalg.matrixNorm(x.get(0), "nuc"))));

    @BeforeAll
    static void read() {
        ref = TorchJson.read("/linalg/torch_reference.json");
    }

    @Test
    void everyLinalgOpHasACase() {
        TorchJson.assertEveryOpHasACase(ref, OPS.keySet());
    }

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        return TorchJson.cases(ref, c -> check(c));
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText(), op = c.get("op").asText();
        List<Tensor> inputs = TorchJson.inputs(c);
        TorchJson.assertOutputsThenBackward(c, OPS.get(op).apply(inputs), TOL);
        for (int i = 0; i < inputs.size(); i++) {
            double[] torch = data(c.get("grads").get(i)), ours = inputs.get(i).grad().toArray();
            if (op.equals("choleskySolve") && i == 1) {
                // deliberate difference: L's gradient only on the triangle that is read (torch's
                // formula also fills the upper triangle, which does not affect the result)
                int n = inputs.get(i).shape()[inputs.get(i).dim() - 1];
                for (int j = 0; j < torch.length; j++) {
                    if ((j % n) > (j / n) % n) {
                        assertEquals(0, ours[j], 0.0, name + ": gradient of L above the diagonal");
                        torch[j] = 0;
                    }
                }
            }
            TensorTesting.assertClose(torch, ours, TOL, name + ": gradient of input " + i);
        }
    }

    private static double[] torchSaid(String what) {
        JsonNode d = ref.get("differences").get(what);
        double[] v = new double[d.size()];
        for (int i = 0; i < v.length; i++) {
            String t = d.get(i).asText();
            v[i] = t.equals("nan") ? Double.NaN : Double.parseDouble(t); // Python writes NaN as nan
        }
        return v;
    }

    private static boolean allNaN(double[] v) {
        return v.length > 0 && java.util.Arrays.stream(v).allMatch(Double::isNaN);
    }

    /** The README's "Differences from PyTorch" rows for Linalg: torch's recorded answer, and ours. */
    @Test
    void deliberateDifferencesFromPyTorch() {
        Tensor w = Tensor.constant(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3);
        // logdet of a matrix with a negative determinant: torch NaN, chainrule throws
        assertTrue(allNaN(torchSaid("logdet of a negative determinant")));
        assertThrows(ArithmeticException.class, () -> Linalg.logdet(Tensor.of(new double[] {0, 1, 1, 0}, 2, 2)));
        // a basis-invariant loss at a repeated eigenvalue: torch NaN, chainrule the gradient (finite differences
        // agree, DecompositionProperties.invariantLossesThroughRepeatedValues)
        assertTrue(allNaN(torchSaid("eigh basis-invariant loss at a repeated eigenvalue, gradient")));
        Tensor a = Tensor.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 3}, 3, 3);
        Tensor v = Linalg.eigh(a).eigenvectors().narrow(-1, 0, 2);
        v.matmul(Linalg.mT(v)).mul(w).sum().backward();
        assertTrue(java.util.Arrays.stream(a.grad().toArray()).allMatch(Double::isFinite));
        // a loss that depends on the basis: torch NaN, chainrule throws
        assertTrue(allNaN(torchSaid("eigh basis-dependent loss at a repeated eigenvalue, gradient")));
        Tensor eye = Tensor.eye(3).toLeaf();
        Tensor dependent = Linalg.eigh(eye).eigenvectors().mul(w).sum();
        assertThrows(ArithmeticException.class, dependent::backward);
        // a non-symmetric matrix: torch reads the lower triangle, chainrule throws
        assertArrayEquals(new double[] {2, 2}, torchSaid("eigh of a non-symmetric matrix [[2, 1], [0, 2]], eigenvalues"));
        assertThrows(IllegalArgumentException.class, () -> Linalg.eigh(Tensor.of(new double[] {2, 1, 0, 2}, 2, 2)));
        // det of a singular matrix: torch 1.13 gives a zero gradient, chainrule the true one, the
        // cofactor matrix [[4, -2], [-2, 1]] (by the SVD); slogdet's gradient there (log 0) throws
        assertArrayEquals(new double[] {0, 0, 0, 0}, torchSaid("det of a singular matrix [[1, 2], [2, 4]], gradient"), 0);
        Tensor s = Tensor.of(new double[] {1, 2, 2, 4}, 2, 2).toLeaf();
        Tensor det = Linalg.det(s);
        assertEquals(0, det.item(), 0);
        det.backward();
        assertArrayEquals(new double[] {4, -2, -2, 1}, s.grad().toArray(), 1e-12);
        Tensor logAbs = Linalg.slogdet(Tensor.of(new double[] {1, 2, 2, 4}, 2, 2)).logAbsDet();
        assertThrows(ArithmeticException.class, logAbs::backward);
    }
}
