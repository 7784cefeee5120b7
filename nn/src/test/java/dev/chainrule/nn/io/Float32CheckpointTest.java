package dev.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Loss;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.Optimizer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints of float32 models: F32 entries on disk (optimizer state F64), loads into a model of
 * either type with the conversion reported, float32 overflow refused before anything changes,
 * F32 headers that lie about their bytes, and PyTorch's float32 state dict in a float32 model.
 */
class Float32CheckpointTest {
    @TempDir
    Path tmp;

    static MLP net(DType dtype) {
        return MLP.of(3, 5, 2).normalization(MLP.Normalization.BATCH_NORM).seed(4).dtype(dtype);
    }

    /** One Adam step, so the optimizer has state and the running statistics have moved. */
    static Optimizer trained(Module m) {
        Optimizer opt = Adam.of(m.parameters()).lr(0.01);
        Tensor x = Tensor.randn(new SplittableRandom(1), 4, 3).to(m.dtype());
        Loss.crossEntropy(m.forward(x), new int[] {0, 1, 1, 0}).backward();
        opt.step();
        return opt;
    }

    @Test
    void aFloat32ModelIsStoredAsF32AndLoadsBackBitForBitWithNothingConverted() {
        MLP a = net(DType.F32);
        Optimizer opt = trained(a);
        Path p = tmp.resolve("f32.safetensors");
        Checkpoint.save(p, a, opt);
        SafeTensors.Contents c = SafeTensors.read(p);
        c.tensors().forEach((name, e) -> assertEquals(name.startsWith(Checkpoint.OPTIMIZER_PREFIX) ? "F64" : "F32",
                e.dtype(), name));
        assertTrue(c.tensors().containsKey("norms.0.running_mean"));
        MLP b = net(DType.F32).seed(99);
        Optimizer optB = Adam.of(b.parameters()).lr(0.01);
        LoadReport r = Checkpoint.load(p, b, optB);
        assertFalse(r.converted(), r.toString());
        assertEquals(p + ": loaded as stored", r.toString());
        a.namedTensors().forEach((name, t) -> assertArrayEquals(t.toFloatArray(), b.namedTensors().get(name).toFloatArray(),
                0f, name));
        a.namedBuffers().forEach((name, buf) -> {
            assertEquals(DType.F32, b.namedBuffers().get(name).get().dtype(), name);
            assertArrayEquals(buf.get().toFloatArray(), b.namedBuffers().get(name).get().toFloatArray(), 0f, name);
        });
        assertEquals(opt.state().entries().keySet(), optB.state().entries().keySet());
    }

    @Test
    void loadingIntoTheOtherTypeConvertsAndSaysSo() {
        MLP f32 = net(DType.F32);
        trained(f32);
        Path p32 = tmp.resolve("a.safetensors");
        Checkpoint.save(p32, f32);
        MLP f64 = net(DType.F64).seed(7);
        LoadReport up = Checkpoint.load(p32, f64);
        assertTrue(up.converted());
        assertEquals(f64.namedTensors().size() + f64.namedBuffers().size(), up.conversions().size());
        assertTrue(up.conversions().contains("layers.0.weight: F32 -> float64"), up.conversions().toString());
        assertTrue(up.toString().startsWith(p32 + ": converted 8 tensors to the model's type (layers.0.weight: F32 -> "
                + "float64"), up.toString());
        assertEquals(DType.F64, f64.dtype());
        f32.namedTensors().forEach((name, t) -> assertArrayEquals(t.toArray(), f64.namedTensors().get(name).toArray(), 0,
                name + ": float32 to float64 is exact"));
        // and back down: float64 numbers round to the nearest float
        f64.layers().get(0).bias().update(b -> b[0] = 1.0 / 3);
        Path p64 = tmp.resolve("b.safetensors");
        Checkpoint.save(p64, f64);
        assertEquals("F64", SafeTensors.read(p64).tensors().get("layers.0.bias").dtype());
        LoadReport down = Checkpoint.load(p64, f32);
        assertTrue(down.conversions().contains("norms.0.running_var: F64 -> float32"), down.toString());
        assertEquals(DType.F32, f32.dtype());
        assertEquals((float) (1.0 / 3), f32.layers().get(0).bias().toFloatArray()[0], 0f);
    }

    @Test
    void float64NumbersBeyondFloat32sRangeAreRefusedBeforeAnythingChanges() {
        MLP f64 = net(DType.F64);
        f64.layers().get(1).weight().update(w -> w[3] = 1e300);
        Path p = tmp.resolve("big.safetensors");
        Checkpoint.save(p, f64);
        MLP f32 = net(DType.F32).seed(12);
        float[] before = f32.layers().get(0).weight().toFloatArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(p, f32));
        assertEquals("Checkpoint.load " + p + ": parameter 'layers.1.weight' holds 1.0E300 at index 3, beyond float32's "
                + "range (about ±3.4e38): it cannot be converted to the model's float32", e.getMessage());
        assertArrayEquals(before, f32.layers().get(0).weight().toFloatArray(), 0f, "nothing changed");
        // infinities are numbers of both types: they load as themselves
        f64.layers().get(1).weight().update(w -> w[3] = Double.POSITIVE_INFINITY);
        Checkpoint.save(p, f64);
        Checkpoint.load(p, f32);
        assertEquals(Float.POSITIVE_INFINITY, f32.layers().get(1).weight().toFloatArray()[3]);
    }

    @Test
    void f32HeadersThatLieAboutTheirBytesAreRefused() throws IOException {
        // 3 floats need 12 bytes: 8 (an F64 count's worth of one number) and 16 are both wrong
        Path shortData = tmp.resolve("short");
        Files.write(shortData, HostileCheckpointTest.file("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],"
                + "\"data_offsets\":[0,8]}}", new byte[8]));
        HostileCheckpointTest.assertRefused(shortData, "short", "'x'", "F32");
        Path longData = tmp.resolve("long");
        Files.write(longData, HostileCheckpointTest.file("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],"
                + "\"data_offsets\":[0,16]}}", new byte[16]));
        HostileCheckpointTest.assertRefused(longData, "long", "'x'", "F32");
        // an F32 tensor followed by an F64 one: offsets in bytes of each one's own width
        byte[] data = ByteBuffer.allocate(12 + 8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f)
                .putFloat(0.25f).putDouble(1.0 / 3).array();
        Path mixed = tmp.resolve("mixed");
        Files.write(mixed, HostileCheckpointTest.file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[12,20]}}", data));
        Map<String, SafeTensors.Entry> t = SafeTensors.read(mixed).tensors();
        assertArrayEquals(new double[] {1.5, -2, 0.25}, t.get("a").data(), 0);
        assertArrayEquals(new double[] {1.0 / 3}, t.get("b").data(), 0);
    }

    @Test
    void f32EntriesAreWrittenAsFloatsAndMustHoldFloats() {
        Path p = tmp.resolve("w.safetensors");
        SafeTensors.write(p, Map.of("a", SafeTensors.Entry.of(DType.F32, new int[] {2}, new double[] {0.5, -3})), Map.of());
        SafeTensors.Entry a = SafeTensors.read(p).tensors().get("a");
        assertEquals("F32", a.dtype());
        assertEquals(DType.F32, a.type());
        assertArrayEquals(new double[] {0.5, -3}, a.data(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(p,
                Map.of("a", SafeTensors.Entry.of(DType.F32, new int[] {1}, new double[] {0.1})), Map.of()));
        assertTrue(e.getMessage().contains("0.1 at index 0, which is not a float"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SafeTensors.Entry("BF16", new int[] {1}, new double[1]));
    }

    @Test
    void pyTorchsFloat32StateDictLoadsIntoAFloat32ModelAndSavesBackAsF32() throws URISyntaxException {
        Path torch32 = Path.of(Float32CheckpointTest.class.getResource("/pytorch/sequential_f32.safetensors").toURI());
        Path torch64 = Path.of(Float32CheckpointTest.class.getResource("/pytorch/sequential_f64.safetensors").toURI());
        MLP f32 = MLP.of(3, 5, 4, 2).activation(Activation.TANH).dtype(DType.F32);
        assertFalse(Checkpoint.loadPyTorch(torch32, f32).converted());
        MLP f64 = MLP.of(3, 5, 4, 2).activation(Activation.TANH);
        LoadReport r = Checkpoint.loadPyTorch(torch32, f64);
        assertEquals(6, r.conversions().size());
        assertTrue(r.conversions().contains("0.weight: F32 -> float64"), r.toString());
        // the float32 model computes in float32 what the float64 model computes on the same (rounded) weights
        Tensor x = Tensor.randn(new SplittableRandom(2), 6, 3);
        double[] want = f64.forward(x.to(DType.F32).to(DType.F64)).toArray();
        float[] got = f32.forward(x.to(DType.F32)).toFloatArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-6 * Math.max(1, Math.abs(want[i])), "output " + i);
        }
        Path back = tmp.resolve("back.safetensors");
        Checkpoint.savePyTorch(back, f32);
        SafeTensors.read(back).tensors().forEach((name, e) -> assertEquals("F32", e.dtype(), name));
        assertArrayEquals(SafeTensors.read(torch32).tensors().get("2.weight").data(),
                SafeTensors.read(back).tensors().get("2.weight").data(), 0, "PyTorch's numbers, unchanged");
        assertTrue(Checkpoint.loadPyTorch(torch64, f32).converted());
    }
}
