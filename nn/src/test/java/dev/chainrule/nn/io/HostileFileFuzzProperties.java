package dev.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Activation;
import dev.chainrule.nn.ScalarLoss;
import dev.chainrule.nn.ScalarMLP;
import dev.chainrule.nn.data.Csv;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.data.Idx;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.OptimizerState;
import dev.chainrule.nn.testing.Allocations;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Valid IDX, CSV and safetensors files mutated byte by byte and field by field (header numbers,
 * offsets, shapes, dtype strings, truncation, appended bytes, trailing JSON). Every loader must
 * either load the file or throw the documented {@link IllegalArgumentException}: nothing else,
 * never an {@link OutOfMemoryError}, never more allocation than the file's size justifies, and a
 * failed checkpoint load leaves model and optimizer exactly as they were.
 */
class HostileFileFuzzProperties {
    /** Numbers a hostile header would write: zero, ±1, the edges of int and long, 2^64, sizes that overflow. */
    private static final List<String> EDGE_NUMBERS = List.of("0", "1", "-1", "2", "255", "65536", "100000",
            "2000000000", "2147483647", "-2147483648", "4294967296", "9223372036854775807", "-9223372036854775808",
            "18446744073709551616", "18446744073709551872", "1e3", "1.5", "NaN", "Infinity", "-0", "007");
    private static final List<String> DTYPES = List.of("F64", "F32", "I64", "F16", "BF16", "BOOL", "", "f64", "F64 ",
            "U8", "\\u0000");
    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("chainrule-fuzz");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** One change to a file's bytes, with a readable name for jqwik's report. */
    record Mutation(String name, UnaryOperator<byte[]> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    // ---- generic byte mutations ----

    static Arbitrary<Mutation> byteMutations() {
        Arbitrary<Mutation> flip = Combinators.combine(Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.bytes()).as((at, v) -> new Mutation("byte[" + at + " mod n] = " + v, b -> {
                    byte[] c = b.clone();
                    if (c.length > 0) {
                        c[at % c.length] = v;
                    }
                    return c;
                }));
        Arbitrary<Mutation> truncate = Arbitraries.integers().between(0, 1 << 20)
                .map(at -> new Mutation("truncate to (" + at + " mod n)", b -> Arrays.copyOf(b, b.length == 0 ? 0 : at % b.length)));
        Arbitrary<Mutation> append = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(24)
                .map(extra -> new Mutation("append " + Arrays.toString(extra), b -> {
                    byte[] c = Arrays.copyOf(b, b.length + extra.length);
                    System.arraycopy(extra, 0, c, b.length, extra.length);
                    return c;
                }));
        return Arbitraries.oneOf(flip, flip, truncate, append);
    }

    /** Replaces the {@code k}-th match (mod the number of matches) of {@code regex} in the text by {@code with}. */
    static Mutation replaceText(String what, String regex, int k, String with) {
        return new Mutation(what + " #" + k + " -> '" + with + "'", b -> {
            String text = new String(b, StandardCharsets.ISO_8859_1);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
            List<int[]> spans = new ArrayList<>();
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            if (spans.isEmpty()) {
                return b;
            }
            int[] s = spans.get(Math.floorMod(k, spans.size()));
            byte[] w = with.getBytes(StandardCharsets.UTF_8);
            byte[] c = new byte[b.length - (s[1] - s[0]) + w.length];
            System.arraycopy(b, 0, c, 0, s[0]);
            System.arraycopy(w, 0, c, s[0], w.length);
            System.arraycopy(b, s[1], c, s[0] + w.length, b.length - s[1]);
            return c;
        });
    }

    static Arbitrary<String> edgeNumber() {
        return Arbitraries.oneOf(Arbitraries.of(EDGE_NUMBERS), Arbitraries.longs().map(v -> Long.toString(v)));
    }

    // ---- IDX ----

    static byte[] idx(int[] dims, byte[] data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt((0x08 << 8) | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Provide
    Arbitrary<Mutation> idxMutations() {
        Arbitrary<Mutation> headerInt = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.oneOf(Arbitraries.of(0, 1, -1, 2, 3, 0x0803, 0x0801, 0x0808, 65536, 100_000, 2_000_000_000,
                        Integer.MAX_VALUE, Integer.MIN_VALUE), Arbitraries.integers()))
                .as((field, v) -> new Mutation("header int " + field + " = " + v, b -> {
                    byte[] c = b.clone();
                    if (c.length >= 4 * field + 4) {
                        ByteBuffer.wrap(c).putInt(4 * field, v);
                    }
                    return c;
                }));
        return Arbitraries.oneOf(byteMutations(), headerInt, headerInt);
    }

    @Property(tries = 250)
    void idxLoadsOrRefuses(@ForAll("idxMutations") Mutation m1, @ForAll("idxMutations") Mutation m2,
                           @ForAll boolean mutateLabels, @ForAll boolean gzipped) throws IOException {
        byte[] px = new byte[5 * 3 * 2];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 37);
        }
        byte[] images = idx(new int[] {5, 3, 2}, px);
        byte[] labels = idx(new int[] {5}, new byte[] {1, 0, 4, 2, 3});
        byte[] bad = m2.apply().apply(m1.apply().apply(mutateLabels ? labels : images));
        Path img = dir.resolve("img");
        Path lab = dir.resolve("lab");
        Files.write(img, maybeGzip(mutateLabels ? images : bad, gzipped));
        Files.write(lab, maybeGzip(mutateLabels ? bad : labels, gzipped));
        long limit = 16L * (images.length + bad.length) + (32 << 20);
        Allocations.atMost(limit, "Idx.load", () -> loadsOrRefuses(() -> Idx.load(img, lab)));
    }

    static byte[] maybeGzip(byte[] b, boolean gz) {
        return gz ? gzip(b) : b;
    }

    /** Runs {@code r}; only success or an IllegalArgumentException may come out. */
    static Object loadsOrRefuses(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
        } catch (Throwable other) {
            throw new AssertionError("expected success or IllegalArgumentException, got " + other, other);
        }
        return null;
    }

    // ---- CSV ----

    @Provide
    Arbitrary<Mutation> csvMutations() {
        Arbitrary<String> cells = Arbitraries.oneOf(edgeNumber(), Arbitraries.of("", " ", "x", "\uFEFF", "1d", "0x1p3",
                "1e400", "-Infinity", "3,4", "\n", "\r\n", "\u200B1", "1.0e-400"));
        Arbitrary<Mutation> cell = Combinators.combine(Arbitraries.integers(), cells)
                .as((k, v) -> replaceText("cell", "[^,\\n]+", k, v));
        Arbitrary<Mutation> comma = Combinators.combine(Arbitraries.integers(), Arbitraries.of("", ",,", ";", "\n"))
                .as((k, v) -> replaceText("comma", ",", k, v));
        return Arbitraries.oneOf(byteMutations(), cell, cell, comma);
    }

    @Property(tries = 250)
    void csvLoadsOrRefuses(@ForAll("csvMutations") Mutation m1, @ForAll("csvMutations") Mutation m2,
                           @ForAll boolean withHeader, @ForAll boolean gzipped) throws IOException {
        String text = (withHeader ? "4,3,a,b,c\n" : "") + "1.5,2,-3,0\n4,5e-1,6,2\n7,8,9,1\n0,0,0.25,2\n";
        byte[] bad = m2.apply().apply(m1.apply().apply(text.getBytes(StandardCharsets.UTF_8)));
        Path p = dir.resolve("data.csv");
        Files.write(p, maybeGzip(bad, gzipped));
        Dataset[] loaded = new Dataset[1];
        Allocations.atMost(64L * bad.length + (32 << 20), "Csv.load",
                () -> loadsOrRefuses(() -> loaded[0] = Csv.load(p)));
        if (loaded[0] != null) {
            for (double[] row : loaded[0].rows()) {
                for (double v : row) {
                    assertTrue(Double.isFinite(v), "a strict load gave " + v);
                }
            }
            for (int label : loaded[0].labels()) {
                assertTrue(label >= 0 && label <= Csv.MAX_LABEL, "label " + label);
            }
            assertTrue(loaded[0].numClasses() > 0);
        }
    }

    // ---- safetensors checkpoints ----

    @Provide
    Arbitrary<Mutation> checkpointMutations() {
        Arbitrary<Mutation> number = Combinators.combine(Arbitraries.integers(), edgeNumber())
                .as((k, v) -> replaceText("header number", "(?<=[\\[,])-?[0-9]+(?=[\\],])", k, v));
        Arbitrary<Mutation> dtype = Combinators.combine(Arbitraries.integers(), Arbitraries.of(DTYPES))
                .as((k, v) -> replaceText("dtype", "(?<=\"dtype\":\")[^\"]*", k, v));
        Arbitrary<Mutation> shape = Combinators.combine(Arbitraries.integers(),
                        Arbitraries.of("[]", "[0]", "[65536,65536,65536,65536]", "[-1]", "[1,2,3]", "[2147483648]", "7",
                                "[1.0]", "null"))
                .as((k, v) -> replaceText("shape", "(?<=\"shape\":)\\[[^\\]]*\\]", k, v));
        Arbitrary<Mutation> trailing = Arbitraries.of("{}", "x", "]", "\u0000", "{\"a\":1}")
                .map(v -> replaceText("after the JSON", "\\}(?= *$| +(?=[^ ]))", 0, "}" + v));
        Arbitrary<Mutation> format = Arbitraries.of("pt", "chainrule-checkpoint-3", "", "CHAINRULE-CHECKPOINT-2")
                .map(v -> replaceText("format", "chainrule-checkpoint-2", 0, v));
        Arbitrary<Mutation> headerLength = Arbitraries.oneOf(Arbitraries.longs(),
                        Arbitraries.of(0L, 1L, 2L, 7L, Long.MAX_VALUE, Long.MIN_VALUE, -8L, 1L << 31, 100L << 20))
                .map(v -> new Mutation("header length = " + v, b -> {
                    byte[] c = b.clone();
                    if (c.length >= 8) {
                        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(0, v);
                    }
                    return c;
                }));
        return Arbitraries.oneOf(byteMutations(), number, number, dtype, shape, trailing, format, headerLength);
    }

    private static final byte[] CHECKPOINT = checkpoint();

    private static ScalarMLP net(long seed) {
        return ScalarMLP.of(2, 3, 2).activation(Activation.TANH).seed(seed);
    }

    private static void train(ScalarMLP m, Adam opt) {
        for (int s = 0; s < 2; s++) {
            opt.zeroGrad();
            ScalarLoss.mse(m.forward(0.5, -1), 1, -1).backward();
            opt.step();
        }
    }

    private static byte[] checkpoint() {
        try {
            ScalarMLP m = net(1);
            Adam opt = Adam.of(m.parameters()).lr(0.01);
            train(m, opt);
            Path f = Files.createTempFile("chainrule-fuzz", ".safetensors");
            Checkpoint.save(f, m, opt);
            byte[] b = Files.readAllBytes(f);
            Files.delete(f);
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 300)
    void checkpointLoadsOrRefusesLeavingEverythingUntouched(@ForAll("checkpointMutations") Mutation m1,
                                                            @ForAll("checkpointMutations") Mutation m2) throws IOException {
        byte[] bad = m2.apply().apply(m1.apply().apply(CHECKPOINT));
        Path p = dir.resolve("c.safetensors");
        Files.write(p, bad);
        ScalarMLP m = net(9);
        Adam opt = Adam.of(m.parameters()).lr(0.01);
        train(m, opt);
        Map<String, double[]> before = new LinkedHashMap<>();
        m.namedParameters().forEach((k, v) -> before.put(k, v.snapshot()));
        OptimizerState stateBefore = opt.state();
        boolean[] refused = {false};
        Allocations.atMost(16L * bad.length + (32 << 20), "Checkpoint.load", () -> {
            try {
                Checkpoint.load(p, m, opt);
            } catch (IllegalArgumentException e) {
                refused[0] = true;
            } catch (Throwable other) {
                throw new AssertionError("expected success or IllegalArgumentException, got " + other, other);
            }
            return null;
        });
        if (refused[0]) {
            before.forEach((k, v) -> assertArrayEquals(v, m.namedParameters().get(k).snapshot(), 0, k));
            assertEquals(stateBefore, opt.state());
        }
    }
}
