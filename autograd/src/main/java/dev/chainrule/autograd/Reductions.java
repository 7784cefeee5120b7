package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.Broadcast;
import java.util.Arrays;

/** Op table for reductions and their inverse, broadcasting: forward and derivative side by side. */
final class Reductions {
    private Reductions() {
    }

    static Tensor sumAll(Tensor a) {
        double s = 0;
        for (double d : a.data) {
            s += d;
        }
        int[] in = a.shape;
        return Tensor.make("sum", new double[] {s}, new int[0], g -> new Tensor[] {g.expand(in)}, a);
    }

    /** Sum down to {@code target} (the inverse of broadcasting); its derivative broadcasts back. */
    static Tensor sumTo(Tensor a, int[] target) {
        int[] t = Shapes.check("sumTo", target);
        int[] check = Shapes.broadcast("sumTo", t, a.shape);
        if (!Arrays.equals(check, a.shape)) {
            throw new IllegalArgumentException("sumTo: shape " + Arrays.toString(a.shape)
                    + " cannot be summed to " + Arrays.toString(t) + " (the target must broadcast to the source)");
        }
        if (Arrays.equals(t, a.shape)) {
            return a;
        }
        double[] out = new double[Shapes.size(t)];
        Broadcast.sumInto(a.data, a.shape, out, Shapes.broadcastStrides(t, a.shape));
        int[] in = a.shape;
        return Tensor.make("sumTo", out, t, g -> new Tensor[] {g.expand(in)}, a);
    }

    /** Broadcast to {@code target} as a new tensor; its derivative sums back. */
    static Tensor expand(Tensor a, int[] target) {
        int[] t = Shapes.check("expand", target);
        int[] check = Shapes.broadcast("expand", a.shape, t);
        if (!Arrays.equals(check, t)) {
            throw new IllegalArgumentException("expand: shape " + Arrays.toString(a.shape)
                    + " cannot be expanded to " + Arrays.toString(t));
        }
        if (Arrays.equals(t, a.shape)) {
            return a;
        }
        double[] out = new double[Shapes.size(t)];
        Broadcast.expand(a.data, Shapes.broadcastStrides(a.shape, t), t, out);
        int[] in = a.shape;
        return Tensor.make("expand", out, t, g -> new Tensor[] {g.sumTo(in)}, a);
    }
}
