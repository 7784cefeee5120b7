package dev.chainrule.autograd.kernel;

import java.util.function.DoubleBinaryOperator;

/**
 * Elementwise binary loops over broadcast operands without materialising expanded copies:
 * each operand is read through strides that are 0 along its broadcast axes.
 */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * {@code out[k] = f(a[ia(k)], b[ib(k)])} over the row-major index k of {@code shape};
     * {@code sa}, {@code sb} are the operands' strides in that shape (0 where broadcast).
     *
     * @param a     the left operand's storage
     * @param sa    a's strides over {@code shape}, 0 along broadcast axes
     * @param b     the right operand's storage
     * @param sb    b's strides over {@code shape}, 0 along broadcast axes
     * @param shape the broadcast result shape
     * @param out   receives the result, row-major, of shape's element count
     * @param f     the function applied to each pair
     */
    public static void binary(double[] a, int[] sa, double[] b, int[] sb, int[] shape, double[] out,
                              DoubleBinaryOperator f) {
        if (shape.length == 0) {
            out[0] = f.applyAsDouble(a[0], b[0]);
            return;
        }
        int la = sa[shape.length - 1], lb = sb[shape.length - 1];
        rows(sa, sb, shape, out.length, (pa, pb, k, n) -> {
            for (int j = 0; j < n; j++, pa += la, pb += lb) {
                out[k + j] = f.applyAsDouble(a[pa], b[pb]);
            }
        });
    }

    /** The four arithmetic ops, for broadcast loops that must not call a function per element. */
    public enum Arith {
        /** {@code a + b}. */
        ADD,
        /** {@code a - b}. */
        SUB,
        /** {@code a * b}. */
        MUL,
        /** {@code a / b}. */
        DIV;

        /**
         * The op named {@code add}, {@code sub}, {@code mul} or {@code div}; null for any other name.
         *
         * @param op an op name
         * @return the matching op, or null
         */
        public static Arith named(String op) {
            switch (op) {
                case "add": return ADD;
                case "sub": return SUB;
                case "mul": return MUL;
                case "div": return DIV;
                default: return null;
            }
        }
    }

    /**
     * {@link #binary} for the arithmetic ops. A function called per element is a megamorphic
     * call that the JIT can neither inline nor vectorize, and the bias add of every layer goes
     * through here; so each innermost row is one plain loop, with the common stride pairs
     * (both contiguous, one operand broadcast along the row) written out.
     *
     * @param op    the arithmetic op
     * @param a     the left operand's storage
     * @param sa    a's strides over {@code shape}, 0 along broadcast axes
     * @param b     the right operand's storage
     * @param sb    b's strides over {@code shape}, 0 along broadcast axes
     * @param shape the broadcast result shape
     * @param out   receives the result, row-major, of shape's element count
     */
    public static void arith(Arith op, double[] a, int[] sa, double[] b, int[] sb, int[] shape, double[] out) {
        if (shape.length == 0) {
            out[0] = apply(op, a[0], b[0]);
            return;
        }
        int la = sa[shape.length - 1], lb = sb[shape.length - 1];
        rows(sa, sb, shape, out.length, (pa, pb, k, n) -> {
            if (la == 1 && lb == 1) {
                contiguous(op, a, pa, b, pb, out, k, n);
            } else if (la == 1 && lb == 0) {
                rowScalar(op, a, pa, b[pb], out, k, n);
            } else {
                for (int j = 0; j < n; j++, pa += la, pb += lb) {
                    out[k + j] = apply(op, a[pa], b[pb]);
                }
            }
        });
    }

    private static double apply(Arith op, double x, double y) {
        switch (op) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            default: return x / y;
        }
    }

    private static void contiguous(Arith op, double[] a, int pa, double[] b, int pb, double[] out, int k, int n) {
        switch (op) {
            case ADD: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] + b[pb + j]; } break;
            case SUB: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] - b[pb + j]; } break;
            case MUL: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] * b[pb + j]; } break;
            default: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] / b[pb + j]; } break;
        }
    }

    private static void rowScalar(Arith op, double[] a, int pa, double y, double[] out, int k, int n) {
        switch (op) {
            case ADD: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] + y; } break;
            case SUB: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] - y; } break;
            case MUL: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] * y; } break;
            default: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] / y; } break;
        }
    }

    /** One innermost row: operand offsets, output offset and row length. */
    private interface Row {
        void run(int pa, int pb, int k, int n);
    }

    /** Walks the rows of {@code shape} like an odometer, tracking both operands' offsets. */
    private static void rows(int[] sa, int[] sb, int[] shape, int total, Row row) {
        int last = shape.length - 1, n = shape[last];
        Odometer at = new Odometer(shape, sa, sb);
        for (int k = 0; k < total; k += n) {
            row.run(at.at[0], at.at[1], k, n);
            at.next(last - 1);
        }
    }

    /**
     * Copies {@code in} (read through strides {@code s}) into the larger {@code shape}.
     *
     * @param in    the smaller operand's storage
     * @param s     in's strides over {@code shape}, 0 along the axes it is broadcast
     * @param shape the larger target shape
     * @param out   receives the expanded copy, row-major, of shape's element count
     */
    public static void expand(double[] in, int[] s, int[] shape, double[] out) {
        if (shape.length == 0) {
            out[0] = in[0];
            return;
        }
        int l = s[shape.length - 1];
        // rows are copies or fills: the gradient of every sum and mean comes through here
        rows(s, s, shape, out.length, (p, unused, k, n) -> {
            if (l == 1) {
                System.arraycopy(in, p, out, k, n);
            } else if (l == 0) {
                java.util.Arrays.fill(out, k, k + n, in[p]);
            } else {
                for (int j = 0; j < n; j++, p += l) {
                    out[k + j] = in[p];
                }
            }
        });
    }

    /**
     * Adds every element of {@code in} (of shape {@code shape}) into {@code out}, read through strides {@code s} of {@code out}: the inverse of {@link #expand}.
     *
     * @param in    the row-major numbers of shape {@code shape}
     * @param shape in's shape
     * @param out   the smaller array summed into (not cleared first)
     * @param s     out's strides over {@code shape}, 0 along the axes being summed away
     */
    public static void sumInto(double[] in, int[] shape, double[] out, int[] s) {
        int rank = shape.length;
        if (rank == 0) {
            out[0] += in[0];
            return;
        }
        int last = rank - 1, n = shape[last], ls = s[last];
        Odometer at = new Odometer(shape, s);
        for (int k = 0; k < in.length; k += n) {
            int io = at.at[0];
            // contiguous and fully-reduced rows written out: the bias gradient of every layer comes here
            if (ls == 1) {
                for (int j = 0; j < n; j++) {
                    out[io + j] += in[k + j];
                }
            } else if (ls == 0) {
                double acc = out[io]; // same order of additions as the general loop
                for (int j = 0; j < n; j++) {
                    acc += in[k + j];
                }
                out[io] = acc;
            } else {
                for (int j = 0, po = io; j < n; j++, po += ls) {
                    out[po] += in[k + j];
                }
            }
            at.next(last - 1);
        }
    }

    // ---------------------------------------------------------------- float32
    // The float32 forms of arith, expand and sumInto: the same loops on float storage (EJML
    // keeps its DDRM/FDRM pairs the same way). For +, -, ·, / of two floats the float result
    // is the double result rounded, so these agree bit for bit with widening first.

    /**
     * {@link #arith(Arith, double[], int[], double[], int[], int[], double[])} on float32 operands.
     *
     * @param op    the arithmetic op
     * @param a     the left operand's float32 storage
     * @param sa    a's strides over {@code shape}, 0 along broadcast axes
     * @param b     the right operand's float32 storage
     * @param sb    b's strides over {@code shape}, 0 along broadcast axes
     * @param shape the broadcast result shape
     * @param out   receives the result, row-major, of shape's element count
     */
    public static void arith(Arith op, float[] a, int[] sa, float[] b, int[] sb, int[] shape, float[] out) {
        if (shape.length == 0) {
            out[0] = (float) apply(op, a[0], b[0]);
            return;
        }
        int la = sa[shape.length - 1], lb = sb[shape.length - 1];
        rows(sa, sb, shape, out.length, (pa, pb, k, n) -> {
            if (la == 1 && lb == 1) {
                contiguous(op, a, pa, b, pb, out, k, n);
            } else if (la == 1 && lb == 0) {
                rowScalar(op, a, pa, b[pb], out, k, n);
            } else {
                for (int j = 0; j < n; j++, pa += la, pb += lb) {
                    out[k + j] = (float) apply(op, a[pa], b[pb]);
                }
            }
        });
    }

    /**
     * Same-shape float32 arithmetic into a new array.
     *
     * @param op the arithmetic op
     * @param a  the left operand
     * @param b  the right operand, as long as {@code a}
     * @return a new float32 array of the same length
     */
    public static float[] arith(Arith op, float[] a, float[] b) {
        float[] out = new float[a.length];
        contiguous(op, a, 0, b, 0, out, 0, a.length);
        return out;
    }

    private static void contiguous(Arith op, float[] a, int pa, float[] b, int pb, float[] out, int k, int n) {
        switch (op) {
            case ADD: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] + b[pb + j]; } break;
            case SUB: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] - b[pb + j]; } break;
            case MUL: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] * b[pb + j]; } break;
            default: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] / b[pb + j]; } break;
        }
    }

    private static void rowScalar(Arith op, float[] a, int pa, float y, float[] out, int k, int n) {
        switch (op) {
            case ADD: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] + y; } break;
            case SUB: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] - y; } break;
            case MUL: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] * y; } break;
            default: for (int j = 0; j < n; j++) { out[k + j] = a[pa + j] / y; } break;
        }
    }

    /**
     * {@link #expand(double[], int[], int[], double[])} on float32 storage.
     *
     * @param in    the smaller operand's float32 storage
     * @param s     in's strides over {@code shape}, 0 along the axes it is broadcast
     * @param shape the larger target shape
     * @param out   receives the expanded copy, row-major, of shape's element count
     */
    public static void expand(float[] in, int[] s, int[] shape, float[] out) {
        if (shape.length == 0) {
            out[0] = in[0];
            return;
        }
        int l = s[shape.length - 1];
        rows(s, s, shape, out.length, (p, unused, k, n) -> {
            if (l == 1) {
                System.arraycopy(in, p, out, k, n);
            } else if (l == 0) {
                java.util.Arrays.fill(out, k, k + n, in[p]);
            } else {
                for (int j = 0; j < n; j++, p += l) {
                    out[k + j] = in[p];
                }
            }
        });
    }

    /**
     * {@link #sumInto(double[], int[], double[], int[])} from float32 storage: the sums
     * accumulate in float64 (the caller rounds once).
     *
     * @param in    the row-major float32 numbers of shape {@code shape}
     * @param shape in's shape
     * @param out   the smaller float64 array summed into (not cleared first)
     * @param s     out's strides over {@code shape}, 0 along the axes being summed away
     */
    public static void sumInto(float[] in, int[] shape, double[] out, int[] s) {
        int rank = shape.length;
        if (rank == 0) {
            out[0] += in[0];
            return;
        }
        int last = rank - 1, n = shape[last], ls = s[last];
        Odometer at = new Odometer(shape, s);
        for (int k = 0; k < in.length; k += n) {
            int io = at.at[0];
            if (ls == 1) {
                for (int j = 0; j < n; j++) {
                    out[io + j] += in[k + j];
                }
            } else if (ls == 0) {
                double acc = out[io];
                for (int j = 0; j < n; j++) {
                    acc += in[k + j];
                }
                out[io] = acc;
            } else {
                for (int j = 0, po = io; j < n; j++, po += ls) {
                    out[po] += in[k + j];
                }
            }
            at.next(last - 1);
        }
    }
}
