package dev.chainrule.nn.data;

import static dev.chainrule.nn.data.DataTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX loading on small files written here in the MNIST layout (plain and gzip'd), and the
 * errors for truncated, mislabelled and mismatched files. A real Fashion-MNIST check runs
 * only where the Debian package put the files.
 */
class IdxTest {
    @TempDir
    Path tmp;

    static byte[] idx(int type, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt((type << 8) | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        out.flush();
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(b);
        }
        return bytes.toByteArray();
    }

    /** Three 2x2 images whose pixels are 0, 51, 102, ... and labels 7, 0, 9. */
    byte[] images() throws IOException {
        byte[] px = new byte[12];
        for (int i = 0; i < 12; i++) {
            px[i] = (byte) (i * 20);
        }
        return idx(0x08, new int[] {3, 2, 2}, px);
    }

    byte[] labels() throws IOException {
        return idx(0x08, new int[] {3}, new byte[] {7, 0, 9});
    }

    Path write(String name, byte[] b) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, b);
        return p;
    }

    @Test
    void loadsPlainAndGzipped() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            Path img = write("img" + gz, gz ? gzip(images()) : images());
            Path lab = write("lab" + gz, gz ? gzip(labels()) : labels());
            Dataset d = Idx.load(img, lab);
            assertEquals(3, d.size());
            assertEquals(4, d.featureCount());
            assertArrayEquals(new int[] {7, 0, 9}, d.labels());
            assertArrayEquals(new double[] {160 / 255.0, 180 / 255.0, 200 / 255.0, 220 / 255.0}, d.features(2), 0);
            assertEquals(10, d.numClasses());
        }
    }

    @Test
    void clearErrors() throws IOException {
        Path img = write("img", images());
        Path lab = write("lab", labels());
        byte[] full = images();
        Path cut = write("cut", Arrays.copyOf(full, full.length - 3));
        assertMessage(() -> Idx.load(cut, lab), "truncated", "12 bytes", "only 9");
        Path cutGz = write("cutgz", Arrays.copyOf(gzip(full), 20));
        assertMessage(() -> Idx.load(cutGz, lab), "cutgz");
        Path header = write("hdr", Arrays.copyOf(full, 9));
        assertMessage(() -> Idx.load(header, lab), "header");
        assertMessage(() -> Idx.load(lab, img), "1 dimensions", "label file?");
        assertMessage(() -> Idx.load(img, img), "3 dimensions", "image file?");
        Path four = write("four", idx(0x08, new int[] {4}, new byte[] {1, 2, 3, 4}));
        assertMessage(() -> Idx.load(img, four), "3 images", "4 labels");
        Path text = write("text", "hello world, not idx".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertMessage(() -> Idx.load(text, lab), "magic");
        Path floats = write("float", idx(0x0d, new int[] {1}, new byte[4]));
        assertMessage(() -> Idx.load(floats, lab), "0x0d");
        Path extra = write("extra", Arrays.copyOf(full, full.length + 2));
        assertMessage(() -> Idx.load(extra, lab), "after");
    }

    /** Allocation bound for loading files of {@code bytes}: the doubles (8 per byte) plus a little. */
    static long bound(long bytes) {
        return 16 * bytes + (4 << 20);
    }

    @Test
    void lyingHeadersAreRefusedBeforeAnythingIsAllocated() throws IOException {
        Path lab = write("lab", labels());
        byte[] liar = idx(0x08, new int[] {2_000_000_000, 1, 1}, new byte[] {1}); // 17 bytes
        assertEquals(17, liar.length);
        for (boolean gz : new boolean[] {false, true}) {
            Path img = write("liar" + gz, gz ? gzip(liar) : liar);
            dev.chainrule.nn.testing.Allocations.atMost(bound(17), "Idx.load of a 17-byte file", () -> {
                assertMessage(() -> Idx.load(img, lab), "liar" + gz, "truncated", "2000000000 bytes", "only 1");
                return null;
            });
        }
        Path labLiar = write("labliar", idx(0x08, new int[] {2_000_000_000}, new byte[5]));
        Path img = write("i", images());
        dev.chainrule.nn.testing.Allocations.atMost(bound(13 + 28), "Idx.load of a lying label file", () -> {
            assertMessage(() -> Idx.load(img, labLiar), "labliar", "truncated");
            return null;
        });
    }

    @Test
    void pixelsPerImageThatOverflowAnIntAreRefused() throws IOException {
        Path img = write("wide", idx(0x08, new int[] {0, 100_000, 100_000}, new byte[0]));
        Path lab = write("none", idx(0x08, new int[] {0}, new byte[0]));
        assertMessage(() -> Idx.load(img, lab), "wide", "100000 x 100000", "more than one array");
        Path many = write("many", idx(0x08, new int[] {65536, 65536, 65536, 65536}, new byte[0]));
        assertMessage(() -> Idx.read(many), "many", "overflows");
    }

    @Test
    void unreadablePathsSaySo() {
        java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
                () -> Idx.read(tmp.resolve("absent")));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().endsWith("absent: no such file"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class, () -> Idx.read(tmp));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void fashionMnistWhenInstalled() {
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), "dataset-fashion-mnist not installed");
        Dataset test = Idx.load(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertEquals(10_000, test.size());
        assertEquals(784, test.featureCount());
        assertEquals(10, test.numClasses());
    }
}
