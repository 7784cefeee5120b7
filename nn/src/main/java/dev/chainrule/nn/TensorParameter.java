package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.function.BiConsumer;

/**
 * A tensor leaf as a parameter. Optimizer steps write its storage in place through
 * {@link Tensor#update}, or {@link Tensor#updateFloats} for float32 ({@link #step}); the buffer
 * protocol ({@link #data()} / {@link #commit()}) works on copies, so reading never counts as an
 * in-place change.
 */
final class TensorParameter extends Parameter {
    private final Tensor tensor;
    private double[] data;
    private double[] grad;
    /** float32 steps only: θ and its gradient widened, reused from step to step. */
    private double[] thetaScratch;
    private double[] gradScratch;

    TensorParameter(Tensor tensor) {
        super(tensor.shape());
        this.tensor = tensor;
    }

    Tensor tensor() {
        return tensor;
    }

    @Override
    public DType dtype() {
        return tensor.dtype();
    }

    @Override
    public double[] data() {
        data = tensor.toArray();
        return data;
    }

    @Override
    public double[] snapshot() {
        return tensor.toArray();
    }

    @Override
    public void commit() {
        if (data != null) {
            tensor.setData(data);
        }
    }

    @Override
    public double[] grad() {
        Tensor g = tensor.grad();
        grad = g == null ? null : g.toArray();
        return grad;
    }

    @Override
    public void commitGrad() {
        Tensor g = tensor.grad();
        if (g != null && grad != null) {
            g.setData(grad);
        }
    }

    @Override
    public boolean step(BiConsumer<double[], double[]> update) {
        Tensor g = tensor.grad();
        if (g == null) {
            return false;
        }
        if (tensor.dtype() == DType.F32 && g.dtype() == DType.F32) {
            stepFloats(g, update);
        } else {
            // the gradient is lent through update() too: the optimizer reads it without a copy
            tensor.update(theta -> g.update(gradient -> update.accept(theta, gradient)));
        }
        return true;
    }

    /**
     * A float32 step with nothing allocated: the live float storages are widened into this
     * parameter's two reusable double buffers, the rule runs on those (optimizer state stays
     * float64, one formula for both types), and θ is rounded back once.
     */
    private void stepFloats(Tensor g, BiConsumer<double[], double[]> update) {
        if (thetaScratch == null) {
            thetaScratch = new double[size()];
            gradScratch = new double[size()];
        }
        double[] theta = thetaScratch;
        double[] gradient = gradScratch;
        g.updateFloats(gf -> widenInto(gf, gradient)); // counted as a write on the gradient, as update() counts it
        tensor.updateFloats(tf -> {
            widenInto(tf, theta);
            update.accept(theta, gradient);
            for (int i = 0; i < tf.length; i++) {
                tf[i] = (float) theta[i];
            }
        });
    }

    private static void widenInto(float[] x, double[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
    }

    @Override
    public void zeroGrad() {
        tensor.zeroGrad();
    }

    @Override
    String kind() {
        return "tensor";
    }
}
