package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.GraphExport;
import dev.chainrule.autograd.Linalg;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.BinaryCrossEntropyOptions;
import dev.chainrule.nn.CrossEntropyOptions;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Loss;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.Metrics;
import dev.chainrule.nn.Parameter;
import dev.chainrule.nn.Reduction;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.io.Checkpoint;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.LBFGS;
import dev.chainrule.testkit.GradientAssertions;
import dev.chainrule.testkit.Point;
import dev.chainrule.testkit.Points;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour, snippet by snippet, as pasted there: if one of these stops compiling or
 * its numbers change, the README is wrong. Keep the two in step.
 */
class ReadmeTourTest {

    @Test
    void differentiateWithValues() {
        // README: "Differentiate an expression with Values"
        Value x = Value.of(2).label("x");
        Value y = Value.of(3).label("y");
        Value z = x.mul(y).add(x.sin()).tanh();   // z = tanh(x*y + sin x)
        z.backward();
        System.out.println(z.data() + " " + x.grad() + " " + y.grad());
        // end README
        double t = Math.tanh(6 + Math.sin(2));
        assertEquals((1 - t * t) * (3 + Math.cos(2)), x.grad(), 1e-12);
        assertEquals((1 - t * t) * 2, y.grad(), 1e-12);
    }

    @Test
    void sameWithTensors() {
        // README: "The same with Tensors"
        var rng = new SplittableRandom(42);
        Tensor w = Tensor.randn(rng, 3, 2);                       // a leaf that wants a gradient
        Tensor x = Tensor.constant(new double[] {1, 0, 1, 0, 1, 1}, 2, 3);
        Tensor loss = x.matmul(w).sigmoid().sum();
        loss.backward();
        System.out.println(w.grad());                              // a 3x2 tensor
        // end README
        assertArrayEquals(new int[] {3, 2}, w.grad().shape());
    }

    @Test
    void hessians() {
        // README: "A Hessian"
        double[][] h = Autograd.hessian(v -> v.get(0).pow(2).mul(v.get(1)).add(v.get(1).sin()), 0.7, -0.4);
        // h = [[2*x1, 2*x0], [2*x0, -sin x1]] at (0.7, -0.4)

        Tensor a = Tensor.constant(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor hxAx = Autograd.hessian(x -> x.matmul(a.matmul(x)), Tensor.constant(new double[] {0.5, -1}, 2));
        // hxAx = A + A^T = [[2, 5], [5, 8]]
        // end README
        assertEquals(-0.8, h[0][0], 1e-12);
        assertEquals(1.4, h[0][1], 1e-12);
        assertArrayEquals(new double[] {2, 5, 5, 8}, hxAx.toArray(), 1e-12);
    }

    @Test
    void trainAnMlp(@TempDir Path dir) {
        // README: "Train an MLP"
        var rng = new SplittableRandom(1);
        double[][] xs = new double[400][2];
        int[] labels = new int[400];
        for (int i = 0; i < xs.length; i++) {                      // two noisy blobs
            labels[i] = i % 2;
            xs[i][0] = rng.nextGaussian() * 0.5 + (labels[i] == 0 ? -1 : 1);
            xs[i][1] = rng.nextGaussian() * 0.5 + (labels[i] == 0 ? 1 : -1);
        }
        Dataset.Split split = Dataset.of(xs, labels).split(0.2, 7);
        MLP net = MLP.of(2, 16, 2).activation(Activation.RELU).init(Init.HE).seed(7);
        Adam opt = Adam.of(net.parameters()).lr(1e-2);
        for (int epoch = 0; epoch < 20; epoch++) {
            for (Batch b : DataLoader.of(split.train()).batchSize(32).shuffle(epoch)) {
                opt.zeroGrad();
                Loss.crossEntropy(net.forward(b.x()), b.labels()).backward();
                opt.step();
            }
        }
        double accuracy = Metrics.accuracy(net.forward(split.test().x()), split.test().labels());
        // end README
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);

        // README: float32 in the same loop
        MLP net32 = MLP.of(2, 16, 2).init(Init.HE).seed(7).dtype(DType.F32);   // or any module: m.to(DType.F32)
        DataLoader loader = DataLoader.of(split.train()).batchSize(32).dtype(DType.F32);
        // end README
        Adam opt32 = Adam.of(net32.parameters()).lr(1e-2);
        for (int epoch = 0; epoch < 20; epoch++) {
            for (Batch b : loader) {
                opt32.zeroGrad();
                Loss.crossEntropy(net32.forward(b.x()), b.labels()).backward();
                opt32.step();
            }
        }
        double accuracy32 = Metrics.accuracy(net32.forward(split.test().x().to(DType.F32)), split.test().labels());
        assertTrue(accuracy32 > 0.9, "float32 accuracy " + accuracy32);
        assertEquals(DType.F32, net32.dtype());

        // README: "Save and load a checkpoint"
        Path file = dir.resolve("blobs.safetensors");
        Checkpoint.save(file, net, opt);                            // atomic: temp file, then rename
        MLP copy = MLP.of(2, 16, 2).activation(Activation.RELU).init(Init.HE).seed(99);
        Checkpoint.load(file, copy);                                // validates names, shapes, dtypes
        // end README
        assertArrayEquals(net.forward(split.test().x()).toArray(), copy.forward(split.test().x()).toArray());
    }

    @Test
    void lossOptions() {
        // README: "Losses with PyTorch's options"
        Tensor logits = Tensor.of(new double[] {2, 0.5, -1, 0.1, 1.2, 0.3}, 2, 3);
        CrossEntropyOptions options = CrossEntropyOptions.defaults()
                .weight(1, 2, 0.5).ignoreIndex(-1).labelSmoothing(0.1);       // immutable: each call returns a copy
        Tensor perSample = Loss.crossEntropy(logits, new int[] {0, -1}, options.reduction(Reduction.NONE));
        // perSample = [0.3953, 0]: the ignored sample costs nothing
        Tensor loss = Loss.crossEntropy(logits, new int[] {0, -1}, options);  // mean over the kept weight, 0.3953
        Tensor scores = Tensor.of(new double[] {1.5, -0.5}, 1, 2);
        Tensor bce = Loss.binaryCrossEntropyWithLogits(scores, Tensor.constant(new double[] {1, 0}, 1, 2),
                BinaryCrossEntropyOptions.defaults().posWeight(3, 1).reduction(Reduction.SUM));   // 1.0783
        // end README
        assertArrayEquals(new double[] {0.3953, 0}, perSample.toArray(), 5e-5);
        assertEquals(0.3953, loss.item(), 5e-5);
        assertEquals(1.0783, bce.item(), 5e-5);
    }

    @Test
    void lbfgsWithAClosure() {
        // README: "L-BFGS"
        Tensor xy = Tensor.of(new double[] {-1.5, 2}, 2);        // minimize Rosenbrock's function
        LBFGS lbfgs = LBFGS.of(List.of(Parameter.of(xy))).maxIter(100).lineSearch(LBFGS.LineSearch.STRONG_WOLFE);
        lbfgs.step(() -> {                                       // the closure re-evaluates the loss
            lbfgs.zeroGrad();
            Tensor x = xy.slice(0, 0, 1), y = xy.slice(0, 1, 2);
            Tensor loss = x.neg().add(1).pow(2).add(y.sub(x.mul(x)).pow(2).mul(100)).sum();
            loss.backward();
            return loss.item();
        });
        // xy is now (1, 1)
        // end README
        assertArrayEquals(new double[] {1, 1}, xy.toArray(), 1e-5);
    }

    @Test
    void leastSquaresAndLogDet() {
        // README: "Least squares and a log-determinant"
        Tensor x = Tensor.constant(new double[] {1, 0, 1, 1, 1, 2, 1, 3}, 4, 2); // columns 1 and t
        Tensor y = Tensor.of(new double[] {1, 3, 5, 7.5}, 4, 1);                    // a leaf: we want dw/dy
        Tensor xt = x.transpose(0, 1);
        Tensor w = Linalg.solve(xt.matmul(x), xt.matmul(y));      // least squares: XᵀX w = Xᵀy
        // w = [[0.9], [2.15]], the intercept and the slope
        w.slice(0, 1, 2).sum().backward();
        // y.grad() = [[-0.3], [-0.1], [0.1], [0.3]]: how each observation moves the slope

        Tensor k = Tensor.of(new double[] {2, 1, 1, 3}, 2, 2);
        Linalg.logdet(k).backward();
        // k.grad() = K⁻ᵀ = [[0.6, -0.2], [-0.2, 0.4]]
        // end README
        assertArrayEquals(new double[] {0.9, 2.15}, w.toArray(), 1e-12);
        assertArrayEquals(new double[] {-0.3, -0.1, 0.1, 0.3}, y.grad().toArray(), 1e-12);
        assertArrayEquals(new double[] {0.6, -0.2, -0.2, 0.4}, k.grad().toArray(), 1e-12);
    }

    // README: "Property-test your own function's gradient"
    @Property(tries = 50)
    void myFunctionHasTheRightGradient(@ForAll @DoubleRange(min = 0.1, max = 5) double a,
                                       @ForAll @DoubleRange(min = -3, max = 3) double b) {
        GradCheck.assertGradients(v -> myFunction(v.get(0), v.get(1)), a, b);
        GradCheck.Report report = GradCheck.withDefaults().tolerance(1e-6, 1e-4)
                .check(v -> myFunction(v.get(0), v.get(1)), a, b);
        System.out.println(report);            // analytic, numeric, abs and rel error per input
    }
    // end README

    private static Value myFunction(Value a, Value b) {
        return a.log().mul(b.tanh()).add(a.sqrt().div(b.exp()));
    }

    // README: "Check a hand-written gradient"
    static double energy(double[] x) {
        return x[0] * x[1] * x[1] + Math.sin(x[0]);
    }

    static double[] energyGradient(double[] x) {          // written by hand, with a bug:
        return new double[] {x[1] * x[1] + Math.cos(x[0]), x[0] * x[1]};   // d/dx1 is 2·x0·x1
    }

    @Provide
    Arbitrary<Point> points() {
        return Points.inBox(-3, 3, 2).ofScale(1);        // one decimal: shrinks to simple points
    }
    // end README

    @AddLifecycleHook(ExpectsTheTourBug.class)            // the tour's property must fail, at (0.1, 0.1)
    // README (continued)
    @Property(tries = 100)
    void energyGradientIsRight(@ForAll("points") Point p) {
        GradientAssertions.assertGradient(ReadmeTourTest::energy, ReadmeTourTest::energyGradient, p);
    }
    // end README

    /** Passes when the tour's property failed exactly as the README says: shrunk to (0.1, 0.1), x[1] blamed. */
    static final class ExpectsTheTourBug implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            PropertyExecutionResult r = property.execute();
            String message = r.throwable().map(Throwable::getMessage).orElse("");
            String expected = "gradient wrong at x = (0.1, 0.1): x[1] analytic 0.010000000000000002 vs numeric 0.0199999";
            if (r.status() != PropertyExecutionResult.Status.FAILED || !message.startsWith(expected)
                    || !r.falsifiedParameters().orElseThrow().get(0).toString().equals("(0.1, 0.1)")) {
                return r.mapToFailed(new AssertionError("expected the tour's failure, got " + r.status() + ": " + message));
            }
            return r.mapToSuccessful();
        }
    }

    @Test
    void fixingTheTourBugPasses() {
        GradCheck.withDefaults().checkGradient(ReadmeTourTest::energy,
                x -> new double[] {x[1] * x[1] + Math.cos(x[0]), 2 * x[0] * x[1]}, 0.1, 0.1).assertPassed();
    }

    @Test
    void dotPicture(@TempDir Path dir) throws Exception {
        // README: "The picture of a graph"
        Value x = Value.of(2).label("x"), y = Value.of(3).label("y");
        Value z = x.mul(y).add(x.sin()).tanh().label("z");
        z.backward(true);                                           // keep the graph to draw it
        GraphExport.writeDot(z, dir.resolve("z.dot"));              // then: dot -Tsvg z.dot -o z.svg
        // end README
        assertTrue(Files.readString(dir.resolve("z.dot")).startsWith("digraph"));
    }
}
