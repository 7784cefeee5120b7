package dev.chainrule.nn.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The safetensors file format, so checkpoints open in other tools: an 8-byte little-endian
 * header length N, N bytes of JSON ({@code {"name": {"dtype": "F64", "shape": [..],
 * "data_offsets": [begin, end]}, ..., "__metadata__": {..}}}, padded with spaces to a multiple
 * of 8), then the tensors' bytes, little-endian, offsets counted from the end of the header.
 * Writes F64; reads F64 and F32 (widened to double). The JSON is written and parsed by Jackson.
 */
public final class SafeTensors {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final String METADATA = "__metadata__";
    /** Headers larger than this are refused rather than allocated (the reference reader uses 100 MB). */
    private static final long MAX_HEADER = 100L << 20;

    private SafeTensors() {
    }

    /** One stored tensor: its element type as read ("F64" or "F32"), shape and numbers. */
    public record Entry(String dtype, int[] shape, double[] data) {
        /** Validates that the numbers fill the shape. */
        public Entry {
            Objects.requireNonNull(dtype, "Entry: dtype is null");
            Objects.requireNonNull(shape, "Entry: shape is null");
            Objects.requireNonNull(data, "Entry: data is null");
            long n = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("Entry: negative dimension in shape " + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("Entry: " + data.length + " numbers do not fill shape "
                        + Arrays.toString(shape));
            }
        }

        /** An F64 entry. */
        public static Entry of(int[] shape, double[] data) {
            return new Entry("F64", shape.clone(), data.clone());
        }
    }

    /** A file's tensors in offset order, and its string metadata. */
    public record Contents(Map<String, Entry> tensors, Map<String, String> metadata) {
    }

    /**
     * Writes {@code tensors} (as F64) and {@code metadata} to {@code path} atomically: the bytes
     * go to a temporary file in the same directory, are forced to disk, and the file is then
     * renamed over {@code path}, so a crash leaves either the old file or the new one.
     */
    public static void write(Path path, Map<String, Entry> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(path, "SafeTensors.write: path is null");
        byte[] bytes = encode(tensors, metadata);
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new UncheckedIOException("SafeTensors.write: the file system of " + dir
                        + " cannot rename atomically; refusing to risk a half-written checkpoint", e);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("SafeTensors.write: cannot write " + path + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more than a leftover temporary file
                }
            }
        }
    }

    /** The file's bytes for {@code tensors} and {@code metadata}. */
    static byte[] encode(Map<String, Entry> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(tensors, "SafeTensors.write: tensors is null");
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            metadata.forEach((k, v) -> meta.put(k, Objects.requireNonNull(v, () -> "metadata " + k + " is null")));
        }
        long offset = 0;
        for (Map.Entry<String, Entry> e : tensors.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "SafeTensors.write: null tensor name");
            if (name.equals(METADATA)) {
                throw new IllegalArgumentException("SafeTensors.write: '" + METADATA + "' is reserved, not a tensor name");
            }
            Entry t = e.getValue();
            ObjectNode node = header.putObject(name);
            node.put("dtype", "F64");
            ArrayNode shape = node.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            long end = offset + 8L * t.data().length;
            node.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SafeTensors.write: cannot encode the header", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        if (8L + padded + offset > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("SafeTensors.write: " + (8L + padded + offset)
                    + " bytes is too large for one checkpoint file");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded);
        buf.put(json);
        for (int i = json.length; i < padded; i++) {
            buf.put((byte) ' ');
        }
        for (Entry t : tensors.values()) {
            buf.asDoubleBuffer().put(t.data());
            buf.position(buf.position() + 8 * t.data().length);
        }
        return buf.array();
    }

    /**
     * Reads and validates a file: header length, JSON, each entry's dtype, shape and offsets
     * against the bytes present.
     *
     * @throws IllegalArgumentException naming the file and what does not match
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static Contents read(Path path) {
        Objects.requireNonNull(path, "SafeTensors.read: path is null");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("SafeTensors.read: cannot read " + path + ": " + e.getMessage(), e);
        }
        return decode(path.toString(), bytes);
    }

    static Contents decode(String source, byte[] bytes) {
        String where = "checkpoint " + source + ": ";
        if (bytes.length < 8) {
            throw new IllegalArgumentException(where + "only " + bytes.length + " bytes; a safetensors file starts with "
                    + "an 8-byte header length (truncated?)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong();
        if (n < 2 || n > MAX_HEADER) {
            throw new IllegalArgumentException(where + "header length " + n + " is not plausible (not a safetensors file?)");
        }
        if (8 + n > bytes.length) {
            throw new IllegalArgumentException(where + "the header needs " + n + " bytes but only " + (bytes.length - 8)
                    + " follow (truncated?)");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + "the header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (header == null || !header.isObject()) {
            throw new IllegalArgumentException(where + "the header is not a JSON object");
        }
        long dataStart = 8 + n;
        long dataLength = bytes.length - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Raw> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (name.equals(METADATA)) {
                if (!v.isObject()) {
                    throw new IllegalArgumentException(where + METADATA + " must be an object of strings");
                }
                v.fields().forEachRemaining(m -> {
                    if (!m.getValue().isTextual()) {
                        throw new IllegalArgumentException(where + "metadata '" + m.getKey() + "' is not a string");
                    }
                    metadata.put(m.getKey(), m.getValue().asText());
                });
                continue;
            }
            found.add(parseEntry(where, name, v, dataLength));
        }
        found.sort((a, b) -> Long.compare(a.begin(), b.begin()));
        long expected = 0;
        Map<String, Entry> tensors = new LinkedHashMap<>();
        for (Raw r : found) {
            if (r.begin() != expected) {
                throw new IllegalArgumentException(where + "tensor '" + r.name() + "' starts at byte " + r.begin()
                        + " but the previous one ends at " + expected + " (overlapping or gapped data)");
            }
            expected = r.end();
            tensors.put(r.name(), new Entry(r.dtype(), r.shape(),
                    values(buf, (int) (dataStart + r.begin()), r.dtype(), r.end() - r.begin())));
        }
        if (expected != dataLength) {
            throw new IllegalArgumentException(where + "the header accounts for " + expected + " data bytes but the file "
                    + "has " + dataLength);
        }
        return new Contents(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    /** A header entry as declared, before its bytes are read. */
    private record Raw(String name, String dtype, int[] shape, long begin, long end) {
    }

    /** Parses one header entry, checking dtype, shape and offsets against the data present. */
    private static Raw parseEntry(String where, String name, JsonNode v, long dataLength) {
        String at = where + "tensor '" + name + "': ";
        if (!v.isObject()) {
            throw new IllegalArgumentException(at + "header entry is not an object");
        }
        JsonNode dt = v.get("dtype");
        if (dt == null || !dt.isTextual()) {
            throw new IllegalArgumentException(at + "no dtype");
        }
        String dtype = dt.asText();
        int width;
        if (dtype.equals("F64")) {
            width = 8;
        } else if (dtype.equals("F32")) {
            width = 4;
        } else {
            throw new IllegalArgumentException(at + "dtype " + dtype + " is not supported (F64 or F32 expected)");
        }
        JsonNode sh = v.get("shape");
        if (sh == null || !sh.isArray()) {
            throw new IllegalArgumentException(at + "no shape array");
        }
        int[] shape = new int[sh.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.asInt() < 0) {
                throw new IllegalArgumentException(at + "shape " + sh + " has a bad dimension " + d);
            }
            shape[i] = d.asInt();
            count *= shape[i];
        }
        JsonNode off = v.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).isIntegralNumber()
                || !off.get(1).isIntegralNumber()) {
            throw new IllegalArgumentException(at + "data_offsets must be [begin, end]");
        }
        long begin = off.get(0).asLong();
        long end = off.get(1).asLong();
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(at + "data_offsets [" + begin + ", " + end + "] are not an interval");
        }
        if (end - begin != count * width) {
            throw new IllegalArgumentException(at + "shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + count * width + " bytes but data_offsets [" + begin + ", " + end + "] hold " + (end - begin));
        }
        if (end > dataLength) {
            throw new IllegalArgumentException(at + "data ends at byte " + end + " but the file has only " + dataLength
                    + " data bytes (truncated?)");
        }
        return new Raw(name, dtype, shape, begin, end);
    }

    private static double[] values(ByteBuffer buf, int start, String dtype, long bytes) {
        ByteBuffer view = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        view.position(start);
        if (dtype.equals("F64")) {
            double[] d = new double[(int) (bytes / 8)];
            view.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(d);
            return d;
        }
        float[] f = new float[(int) (bytes / 4)];
        view.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
