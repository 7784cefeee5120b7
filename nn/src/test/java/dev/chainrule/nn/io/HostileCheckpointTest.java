package dev.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.ScalarMLP;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.testing.Allocations;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files built by hand to lie: sizes that wrap around a long, shapes with no data, trailing
 * JSON, wrong format markers, files larger than 2 GiB or than the heap (sparse, so they cost
 * no disk), and the temporary file, mode and error messages of saving.
 */
class HostileCheckpointTest {
    @TempDir
    Path tmp;

    /** A safetensors file of {@code json} (unpadded) and {@code data}. */
    static byte[] file(String json, byte[] data) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(data).array();
    }

    Path write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    static void assertRefused(Path p, String... words) {
        IllegalArgumentException e = Allocations.atMost(32 << 20, "SafeTensors.read of " + p,
                () -> assertThrows(IllegalArgumentException.class, () -> SafeTensors.read(p)));
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + e.getMessage() + "' should mention " + w);
        }
    }

    @Test
    void offsetsBeyondALongAreRefusedNotWrapped() throws IOException {
        Path p = write("wrap", file("{\"x\":{\"dtype\":\"F64\",\"shape\":[32],"
                + "\"data_offsets\":[18446744073709551616,18446744073709551872]}}", new byte[256]));
        assertRefused(p, "wrap", "'x'", "beyond any file");
    }

    @Test
    void shapesAreCountedExactly() throws IOException {
        Path p = write("huge", file("{\"x\":{\"dtype\":\"F64\",\"shape\":[65536,65536,65536,65536],"
                + "\"data_offsets\":[0,0]}}", new byte[0]));
        assertRefused(p, "huge", "more elements than a long");
        Path q = write("big", file("{\"x\":{\"dtype\":\"F32\",\"shape\":[65536,65536],"
                + "\"data_offsets\":[0,17179869184]}}", new byte[0]));
        assertRefused(q, "big", "4294967296 elements");
    }

    @Test
    void theHeaderIsExactlyOneJsonObject() throws IOException {
        String ok = "{\"x\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
        assertEquals(1, SafeTensors.read(write("ok", file(ok + "    ", new byte[8]))).tensors().size());
        assertRefused(write("trail", file(ok + "{}", new byte[8])), "trail", "one valid JSON object");
        assertRefused(write("trail2", file(ok + " x", new byte[8])), "trail2", "JSON");
    }

    @Test
    void checkpointsNeedTheirFormatMarker() {
        ScalarMLP m = ScalarMLP.of(2, 2).seed(1);
        Path p = tmp.resolve("m.safetensors");
        Checkpoint.save(p, m);
        var contents = SafeTensors.read(p);
        for (String format : new String[] {null, "pt", "chainrule-checkpoint-3", "chainrule-checkpoint-0"}) {
            var meta = new java.util.LinkedHashMap<>(contents.metadata());
            meta.remove("format");
            if (format != null) {
                meta.put("format", format);
            }
            Path q = tmp.resolve("f" + format);
            SafeTensors.write(q, contents.tensors(), meta);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(q, m));
            assertTrue(e.getMessage().contains(format == null ? "no format marker" : "'" + format + "'"), e.getMessage());
        }
    }

    /** A sparse file of {@code length} bytes whose header is {@code json}; the rest reads as zeros. */
    Path sparse(String name, String json, long dataLength) throws IOException {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        Path p = tmp.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            f.write(h);
            f.setLength(8 + h.length + dataLength);
        }
        return p;
    }

    @Test
    void aFileLargerThanTheHeapIsRefusedWithAMessage() throws IOException {
        long perTensor = 1L << 28; // 2 GiB of F64 each
        long tensors = Runtime.getRuntime().maxMemory() / (8 * perTensor) + 2;
        StringBuilder json = new StringBuilder("{");
        for (long t = 0; t < tensors; t++) {
            json.append(t == 0 ? "" : ",").append("\"t").append(t).append("\":{\"dtype\":\"F64\",\"shape\":[")
                    .append(perTensor).append("],\"data_offsets\":[").append(t * 8 * perTensor).append(',')
                    .append((t + 1) * 8 * perTensor).append("]}");
        }
        Path p = sparse("heap", json.append('}').toString(), tensors * 8 * perTensor);
        assertRefused(p, "heap", "of heap", "-Xmx");
    }

    /** A sparse file of 2 GiB + 8 bytes of zeros, then 2 numbers at data offsets beyond 2^31. */
    Path moreThan2GiB() throws IOException {
        long n = (1L << 28) + 1;
        String json = "{\"zeros\":{\"dtype\":\"F64\",\"shape\":[" + n + "],\"data_offsets\":[0," + 8 * n + "]},"
                + "\"tail\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[" + 8 * n + "," + (8 * n + 16) + "]}}";
        Path p = sparse("big", json, 8 * n + 16);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.seek(f.length() - 16);
            f.write(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.5).putDouble(-7).array());
        }
        assertTrue(Files.size(p) > (2L << 30));
        return p;
    }

    /** The chunked reader addresses bytes beyond 2^31 (cheap: only the tail is read). */
    @Test
    void tensorsBeyond2GiBAreReadAtTheirOffsets() throws IOException {
        Path p = moreThan2GiB();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p)) {
            assertArrayEquals(new double[] {1.5, -7}, SafeTensors.values(ch, ch.size() - 16, "F64", 2), 0);
        }
    }

    /**
     * The whole 2 GiB file loads (about 10 s and a 2 GiB array, so only on request:
     * {@code mvn -o -pl nn test -Dtest=HostileCheckpointTest -Dchainrule.bigFiles=true}).
     */
    @Test
    void aFileOfMoreThan2GiBLoads() throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("chainrule.bigFiles"), "run with -Dchainrule.bigFiles=true");
        Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() > (3L << 30), "needs a heap of more than 3 GiB");
        SafeTensors.Contents c = SafeTensors.read(moreThan2GiB());
        assertArrayEquals(new double[] {1.5, -7}, c.tensors().get("tail").data(), 0);
        assertEquals((1L << 28) + 1, c.tensors().get("zeros").data().length);
    }

    @Test
    void aStaleTemporaryFileIsRemovedBySaveAndLoad() throws IOException {
        ScalarMLP m = ScalarMLP.of(2, 2).seed(1);
        Path p = tmp.resolve("m.safetensors");
        Path stale = tmp.resolve(".m.safetensors.chainrule-tmp");
        assertEquals(stale, SafeTensors.temporaryFile(p));
        Files.write(stale, new byte[1000]); // what a save killed mid-way leaves
        Checkpoint.save(p, m);
        assertFalse(Files.exists(stale));
        Files.write(stale, new byte[1000]);
        Checkpoint.load(p, m);
        assertFalse(Files.exists(stale));
    }

    @Test
    void savedFilesGetTheUmasksMode() throws IOException {
        Assumptions.assumeTrue(Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null, "POSIX only");
        Path plain = Files.createFile(tmp.resolve("plain")); // mode 0666 & ~umask, like any new file
        Path p = tmp.resolve("m.safetensors");
        Checkpoint.save(p, ScalarMLP.of(2, 2).seed(1));
        Set<PosixFilePermission> want = Files.getPosixFilePermissions(plain);
        assertEquals(want, Files.getPosixFilePermissions(p));
        Assumptions.assumeTrue(want.contains(PosixFilePermission.GROUP_READ), "umask 077: nothing more to see");
    }

    @Test
    void pathsThatAreNotFilesSaySo() throws IOException {
        ScalarMLP m = ScalarMLP.of(2, 2).seed(1);
        UncheckedIOException root = assertThrows(UncheckedIOException.class, () -> Checkpoint.save(Path.of("/"), m));
        assertTrue(root.getMessage().contains("root directory"), root.getMessage());
        UncheckedIOException dir = assertThrows(UncheckedIOException.class, () -> Checkpoint.save(tmp, m));
        assertTrue(dir.getMessage().contains("is a directory"), dir.getMessage());
        UncheckedIOException loadDir = assertThrows(UncheckedIOException.class, () -> Checkpoint.load(tmp, m));
        assertTrue(loadDir.getMessage().contains("is a directory"), loadDir.getMessage());
        Path missing = tmp.resolve("missing.safetensors");
        UncheckedIOException none = assertThrows(UncheckedIOException.class, () -> Checkpoint.load(missing, m));
        assertEquals("SafeTensors.read: cannot read " + missing + ": no such file", none.getMessage());
        UncheckedIOException rootLoad = assertThrows(UncheckedIOException.class,
                () -> Checkpoint.load(Path.of("/"), m, Adam.of(m.parameters())));
        assertTrue(rootLoad.getMessage().contains("directory"), rootLoad.getMessage());
    }
}
