package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bad-input standard as assertions: a call either succeeds with the shape NumPy/PyTorch
 * would give, or throws an {@link IllegalArgumentException}, {@link IllegalStateException}
 * or {@link NullPointerException} whose message names the op; never an
 * {@code ArrayIndexOutOfBoundsException}, {@code NegativeArraySizeException},
 * {@code ClassCastException}, {@code ArithmeticException} or anything else, and never a
 * result of the wrong shape or with storage that disagrees with its shape.
 */
final class BadInputs {
    /** "expected 0 to 3" in a message: what was allowed (a range like "0 to -1" tells the user nothing). */
    private static final Pattern EXPECTED_RANGE = Pattern.compile("expected (-?\\d+) to (-?\\d+)");

    private BadInputs() {
    }

    /** A call that returns something (tensor, value, array) or throws. */
    @FunctionalInterface
    interface Call {
        Object run() throws Exception;
    }

    /**
     * {@code expected} null: the call must be refused cleanly, naming {@code op}. Otherwise it
     * must succeed with a tensor of shape {@code expected} whose backward (seeded with ones)
     * gives every input that wants one a gradient of that input's shape.
     */
    static Tensor expect(String op, int[] expected, Supplier<Tensor> call, Tensor... inputs) {
        return expect(op, expected, true, call, inputs);
    }

    /**
     * As {@link #expect(String, int[], Supplier, Tensor...)}, with the second-order pass only
     * when {@code secondOrder}: gradients of gradients may materialise broadcast batches
     * (e.g. Aᵀ·G per batch before summing), which for empty tensors with huge batch dimensions
     * would not fit, though the first-order results do.
     */
    static Tensor expect(String op, int[] expected, boolean secondOrder, Supplier<Tensor> call, Tensor... inputs) {
        if (expected == null) {
            refused(op, call::get);
            return null;
        }
        Tensor out = succeeds(op, call);
        assertArrayEquals(expected, out.shape(), () -> op + ": result shape " + Arrays.toString(out.shape())
                + " but NumPy/PyTorch give " + Arrays.toString(expected) + " for inputs " + shapes(inputs));
        assertEquals(ReferenceShapes.count(expected), out.size(), () -> op + ": storage size disagrees with shape");
        exportable(op, out);
        backwardKeepsShapes(op, out, secondOrder, inputs);
        return out;
    }

    /**
     * For cases where refusing is as acceptable as answering (empty reductions of max/min,
     * axes on 0-d tensors): a clean refusal naming {@code op}, or the expected shape.
     */
    static void expectOrRefuse(String op, int[] expected, Supplier<Tensor> call, Tensor... inputs) {
        Tensor out;
        try {
            out = call.get();
        } catch (RuntimeException e) {
            checkClean(op, e);
            return;
        }
        if (expected == null) {
            fail(op + ": expected a refusal for inputs " + shapes(inputs) + " but got " + out);
        }
        assertArrayEquals(expected, out.shape(), () -> op + ": result shape " + Arrays.toString(out.shape())
                + " but expected " + Arrays.toString(expected) + " for inputs " + shapes(inputs));
        backwardKeepsShapes(op, out, true, inputs);
    }

    /**
     * As {@link #expect(String, int[], Supplier, Tensor...)}; a refusal's message must also
     * mention each of {@code fragments} (the shapes or values involved).
     */
    static void expectMentioning(String op, int[] expected, Supplier<Tensor> call, List<String> fragments,
                                 Tensor... inputs) {
        if (expected != null) {
            expect(op, expected, call, inputs);
            return;
        }
        String m = refused(op, call::get).getMessage();
        for (String f : fragments) {
            if (!m.contains(f)) {
                throw new AssertionError(op + ": the message '" + m + "' does not mention " + f);
            }
        }
    }

    /** The call must succeed; an exception fails the property with the exception as cause. */
    static Tensor succeeds(String op, Supplier<Tensor> call) {
        try {
            Tensor out = call.get();
            if (out == null) {
                fail(op + ": returned null");
            }
            return out;
        } catch (RuntimeException e) {
            throw new AssertionError(op + ": valid input refused with " + e, e);
        }
    }

    /** The call must succeed; returns its result. */
    static Object succeedsCall(String op, Call call) {
        try {
            return call.run();
        } catch (Exception e) {
            throw new AssertionError(op + ": valid input refused with " + e, e);
        }
    }

    /** The call must throw a clean exception (IAE, ISE or NPE) whose message names {@code op}. */
    static RuntimeException refused(String op, Call call) {
        Object out;
        try {
            out = call.run();
        } catch (Exception e) {
            return checkClean(op, e);
        }
        throw new AssertionError(op + ": expected a clear refusal but the call returned " + describe(out));
    }

    /** Fails unless {@code e} is one of the three clean exception types and its message names {@code op}. */
    static RuntimeException checkClean(String op, Exception e) {
        boolean cleanType = e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof NullPointerException;
        if (!cleanType) {
            throw new AssertionError(op + ": threw " + e.getClass().getSimpleName()
                    + " instead of IllegalArgumentException/IllegalStateException/NullPointerException", e);
        }
        String m = e.getMessage();
        if (m == null || !m.contains(op)) {
            throw new AssertionError(op + ": the message '" + m + "' does not name the op", e);
        }
        Matcher range = EXPECTED_RANGE.matcher(m);
        while (range.find()) {
            if (Long.parseLong(range.group(2)) < Long.parseLong(range.group(1))) {
                throw new AssertionError(op + ": the message '" + m + "' expects an empty range", e);
            }
        }
        return (RuntimeException) e;
    }

    /** Runs backward from {@code out} (seed of ones) and checks each input's gradient shape. */
    private static void backwardKeepsShapes(String op, Tensor out, boolean secondOrder, Tensor... inputs) {
        if (!out.requiresGrad()) {
            return;
        }
        for (Tensor in : inputs) {
            if (in != null) {
                in.zeroGrad();
            }
        }
        try {
            out.backward(Tensor.ones(out.shape()), true);
        } catch (RuntimeException e) {
            throw new AssertionError(op + ": backward from a valid result of shape "
                    + Arrays.toString(out.shape()) + " threw " + e, e);
        }
        for (Tensor in : inputs) {
            if (in != null && in.requiresGrad() && in.grad() != null) {
                assertArrayEquals(in.shape(), in.grad().shape(), () -> op + ": gradient shape differs from input's");
                assertEquals(in.size(), in.grad().size());
            }
        }
        if (secondOrder) {
            secondOrderKeepsShapes(op, out, inputs);
        }
        exportable(op, out);
    }

    /**
     * The graph path too: gradients built with createGraph have the inputs' shapes, and
     * differentiating their (weighted) sum again keeps the shapes as well.
     */
    private static void secondOrderKeepsShapes(String op, Tensor out, Tensor... inputs) {
        List<Tensor> wanted = new ArrayList<>();
        for (Tensor in : inputs) {
            if (in != null && in.requiresGrad() && !wanted.contains(in)) {
                wanted.add(in);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        try {
            Tensor seed = Tensor.of(ramp(out.size()), out.shape());
            List<Tensor> g = Autograd.grad(List.of(out), wanted, List.of(seed), true, true);
            Tensor s = null;
            for (int i = 0; i < g.size(); i++) {
                int at = i;
                assertArrayEquals(wanted.get(i).shape(), g.get(i).shape(),
                        () -> op + ": graph-path gradient " + at + " has the wrong shape");
                Tensor term = g.get(i).mul(g.get(i)).sum();
                s = s == null ? term : s.add(term);
            }
            if (s.requiresGrad()) {
                // the graph is retained: results are chained into later ops (RandomProgramProperties)
                List<Tensor> gg = Autograd.grad(List.of(s), wanted, null, false, true);
                for (int i = 0; i < gg.size(); i++) {
                    assertArrayEquals(wanted.get(i).shape(), gg.get(i).shape());
                }
            }
        } catch (RuntimeException e) {
            throw new AssertionError(op + ": second-order pass from a valid result of shape "
                    + Arrays.toString(out.shape()) + " threw " + e, e);
        }
    }

    private static double[] ramp(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = 0.5 + 0.25 * (i % 3);
        }
        return d;
    }

    /** Every valid result can be drawn (and printed), before and after its graph is released. */
    private static void exportable(String op, Tensor out) {
        try {
            GraphExport.toDot(out);
            String.valueOf(out);
        } catch (RuntimeException e) {
            throw new AssertionError(op + ": GraphExport.toDot of a valid result threw " + e, e);
        }
    }

    private static String shapes(Tensor... inputs) {
        StringBuilder sb = new StringBuilder();
        for (Tensor t : inputs) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t == null ? "null" : Arrays.toString(t.shape()));
        }
        return sb.toString();
    }

    private static String describe(Object out) {
        if (out instanceof double[] d) {
            return Arrays.toString(d);
        }
        if (out instanceof double[][] d) {
            return Arrays.deepToString(d);
        }
        return String.valueOf(out);
    }

    /** A leaf wanting a gradient with deterministic values in [-2, 2] (only the shape matters here). */
    static Tensor leaf(int... shape) {
        int n = (int) ReferenceShapes.count(shape);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = ((i * 7919L) % 13 - 6) / 3.0;
        }
        return Tensor.of(d, shape);
    }
}
