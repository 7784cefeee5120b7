package dev.chainrule.autograd;

/**
 * Anomaly detection: inside an {@link #detect()} scope, every node remembers where it was
 * created, and the first operation whose forward result or backward gradient contains NaN
 * or an infinity throws an {@link ArithmeticException} naming the operation, its inputs and
 * that place in your code.
 *
 * <p>Outside the scope arithmetic follows IEEE 754 as PyTorch does: {@code log(0)} is
 * {@code -Infinity}, {@code 0/0} is NaN, and nothing is checked (the checks cost time).
 * <pre>{@code
 * try (var scope = Anomaly.detect()) {
 *     loss.backward();
 * }
 * }</pre>
 */
public final class Anomaly {
    private static final ThreadFlag ENABLED = new ThreadFlag("Anomaly", false);

    private Anomaly() {
    }

    /** A scope that restores the previous anomaly mode when closed. */
    public static final class Scope extends ThreadFlag.Scope {
        private Scope() {
            super(ENABLED, true);
        }
    }

    /** Opens a scope in which non-finite forward or backward results throw on this thread. */
    public static Scope detect() {
        return new Scope();
    }

    /** True inside a {@link #detect()} scope on this thread. */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** The first stack frame outside this library: where the user's code made the node. */
    static StackTraceElement callerFrame() {
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            String cls = frame.getClassName();
            if (!cls.startsWith("dev.chainrule.autograd.") || cls.contains("Test") || cls.contains("Properties")) {
                return frame;
            }
        }
        return null;
    }

    /** Forward check for a freshly computed node (only called when enabled). */
    static void checkForward(Node node, boolean finite) {
        if (!finite) {
            StringBuilder in = new StringBuilder();
            for (Node input : node.inputs) {
                in.append(in.length() == 0 ? "" : ", ").append(input.describe());
            }
            throw new ArithmeticException("anomaly: forward of '" + node.opName() + "' produced "
                    + node.describe() + " from inputs [" + in + "]" + node.origin()
                    + ". Check the op's domain (log and sqrt need positive input, division a nonzero divisor).");
        }
    }

    /** Backward check of the gradient flowing from {@code node} into its input {@code i}. */
    static void checkBackward(Node node, int i, boolean finite, String gradient) {
        if (!finite) {
            throw new ArithmeticException("anomaly: backward of '" + node.opName() + "' produced gradient "
                    + gradient + " for input " + i + " (" + node.inputs[i].describe() + ") of "
                    + node.describe() + node.origin()
                    + ". The op's derivative is not finite at this point (e.g. sqrt or abs at 0, log at 0).");
        }
    }

    /** Graph-path form of {@link #checkBackward(Node, int, boolean, String)}. */
    static void checkBackward(Node node, int i, Node gradient) {
        if (isEnabled()) {
            checkBackward(node, i, gradient.isFinite(), gradient.describe());
        }
    }
}
