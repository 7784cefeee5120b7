package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.GraphExport;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Loss;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.Metrics;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.io.Checkpoint;
import dev.chainrule.nn.optim.Adam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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

        // README: "Save and load a checkpoint"
        Path file = dir.resolve("blobs.safetensors");
        Checkpoint.save(file, net, opt);                            // atomic: temp file, then rename
        MLP copy = MLP.of(2, 16, 2).activation(Activation.RELU).init(Init.HE).seed(99);
        Checkpoint.load(file, copy);                                // validates names, shapes, dtypes
        // end README
        assertArrayEquals(net.forward(split.test().x()).toArray(), copy.forward(split.test().x()).toArray());
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
