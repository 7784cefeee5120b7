package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.Tensor;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm1d and LayerNorm against PyTorch's numbers (nn/src/test/python/torch_norm_reference.py
 * wrote {@code norm/torch_reference.json}): outputs, gradients of the input and of the affine
 * parameters, and BatchNorm's running statistics over three training steps and one eval step, to 1e-10.
 */
class TorchNormReferenceTest {
    private static final double TOL = 1e-10;

    private static JsonNode reference() throws IOException {
        try (InputStream in = TorchNormReferenceTest.class.getResourceAsStream("/norm/torch_reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static double[] array(JsonNode node) {
        double[] a = new double[node.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = node.get(i).asDouble();
        }
        return a;
    }

    private static int[] ints(JsonNode node) {
        int[] a = new int[node.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = node.get(i).asInt();
        }
        return a;
    }

    /** Runs one step, loss sum(out * c), and compares everything the reference recorded. */
    private static void check(Module m, Tensor weight, Tensor bias, JsonNode s, int[] shape, String where) {
        m.zeroGrad();
        Tensor x = Tensor.of(array(s.get("x")), shape);
        Tensor out = m.forward(x);
        out.mul(Tensor.constant(array(s.get("c")), shape)).sum().backward();
        assertArrayEquals(array(s.get("out")), out.toArray(), TOL, where + ": output");
        assertArrayEquals(array(s.get("grad_x")), x.grad().toArray(), TOL, where + ": grad x");
        assertArrayEquals(array(s.get("grad_weight")), weight.grad().toArray(), TOL, where + ": grad weight");
        assertArrayEquals(array(s.get("grad_bias")), bias.grad().toArray(), TOL, where + ": grad bias");
    }

    @Test
    void batchNormTrainingAndEvalMatchTorch() throws IOException {
        JsonNode ref = reference().get("batch_norm");
        BatchNorm1d bn = new BatchNorm1d(ref.get("features").asInt());
        bn.namedParameters().get("weight").set(array(ref.get("init").get("weight")));
        bn.namedParameters().get("bias").set(array(ref.get("init").get("bias")));
        int i = 0;
        for (JsonNode s : ref.get("steps")) {
            bn.train(s.get("training").asBoolean());
            String where = "step " + i++ + (bn.isTraining() ? " (train)" : " (eval)");
            check(bn, bn.weight(), bn.bias(), s, new int[] {5, 3}, where);
            assertArrayEquals(array(s.get("running_mean")), bn.runningMean().toArray(), TOL, where + ": running mean");
            assertArrayEquals(array(s.get("running_var")), bn.runningVar().toArray(), TOL, where + ": running var");
        }
    }

    @Test
    void layerNormMatchesTorch() throws IOException {
        for (JsonNode c : reference().get("layer_norm")) {
            int[] shape = ints(c.get("shape"));
            LayerNorm ln = new LayerNorm(shape[shape.length - 1]);
            ln.namedParameters().get("weight").set(array(c.get("weight")));
            ln.namedParameters().get("bias").set(array(c.get("bias")));
            Tensor w = ln.namedTensors().get("weight");
            Tensor b = ln.namedTensors().get("bias");
            check(ln, w, b, c, shape, "LayerNorm " + java.util.Arrays.toString(shape));
        }
    }
}
