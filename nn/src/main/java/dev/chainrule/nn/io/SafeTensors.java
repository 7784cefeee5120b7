package dev.chainrule.nn.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chainrule.autograd.DType;
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
 * Writes and reads F64 and F32 (each entry in its own type; read numbers are held as doubles, exactly). The JSON is written and parsed by Jackson.
 */
public final class SafeTensors {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String METADATA = "__metadata__";
    /** Headers larger than this are refused rather than allocated (the reference reader uses 100 MB). */
    private static final long MAX_HEADER = 100L << 20;
    /** The most numbers one tensor can hold: a Java array's limit. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** Bytes read from the file at a time. */
    private static final int CHUNK = 1 << 20;

    private SafeTensors() {
    }

    /** One stored tensor: its element type as read ("F64" or "F32"), shape and numbers. */
    public record Entry(String dtype, int[] shape, double[] data) {
        /**
         * Validates that the numbers fill the shape.
         *
         * @param dtype the element type, "F64" or "F32"
         * @param shape the shape
         * @param data the numbers, row-major
         */
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
            if (!dtype.equals("F64") && !dtype.equals("F32")) {
                throw new IllegalArgumentException("Entry: dtype " + dtype + " is not supported (F64 or F32 expected)");
            }
        }

        /**
         * An F64 entry.
         *
         * @param shape the shape
         * @param data the numbers, row-major
         * @return an F64 entry
         */
        public static Entry of(int[] shape, double[] data) {
            return new Entry("F64", shape.clone(), data.clone());
        }

        /**
         * An entry stored as {@code dtype}: "F32" for {@link DType#F32} (the numbers, which
         * must be floats already, are written as 4-byte floats), "F64" for {@link DType#F64}.
         *
         * @param dtype the storage type
         * @param shape the shape
         * @param data the numbers, row-major
         * @return the entry
         */
        public static Entry of(DType dtype, int[] shape, double[] data) {
            Objects.requireNonNull(dtype, "Entry.of: dtype is null");
            return new Entry(dtype == DType.F32 ? "F32" : "F64", shape.clone(), data.clone());
        }

        /** Bytes per number: 4 for F32, 8 for F64. */
        int width() {
            return dtype.equals("F32") ? 4 : 8;
        }

        /**
         * The element type as a {@link DType}.
         *
         * @return F32 or F64
         */
        public DType type() {
            return dtype.equals("F32") ? DType.F32 : DType.F64;
        }
    }

    /** A file's tensors in offset order, and its string metadata. */
    public record Contents(Map<String, Entry> tensors, Map<String, String> metadata) {
    }

    /**
     * Writes {@code tensors} (each as its entry's F64 or F32) and {@code metadata} to {@code path} atomically: the bytes
     * go to {@link #temporaryFile(Path) .&lt;name&gt;.chainrule-tmp} in the same directory (created
     * with the umask's mode, like any new file), are forced to disk, the file is renamed over
     * {@code path} and the directory is forced too where the platform allows, so a crash leaves
     * either the old file or the new one. A temporary file left by a killed save is removed by
     * the next save or load of {@code path}. One writer per path at a time.
     *
     * @throws UncheckedIOException naming the path when it is a directory or cannot be written
     *
     * @param path the file
     * @param tensors the tensors under their names
     * @param metadata the string metadata
     */
    public static void write(Path path, Map<String, Entry> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(path, "SafeTensors.write: path is null");
        byte[] bytes = encode(tensors, metadata);
        Path tmp = temporaryFile(path);
        Path dir = tmp.getParent();
        if (Files.isDirectory(path)) {
            throw new UncheckedIOException("SafeTensors.write: " + path + " is a directory, not a file",
                    new IOException(path + ": is a directory"));
        }
        boolean moved = false;
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
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
            moved = true;
            forceDirectory(dir);
        } catch (IOException e) {
            throw FileErrors.cannotWrite("SafeTensors.write", path, e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more; the next save or load removes it
                }
            }
        }
    }

    /**
     * Where {@link #write} puts the bytes before the rename: {@code .<name>.chainrule-tmp} next
     * to {@code path}. A fixed name, so a save killed mid-way leaves one file that the next save
     * or load of {@code path} removes.
     *
     * @throws UncheckedIOException when {@code path} names no file (a root such as {@code /})
     *
     * @param path the file
     * @return the temporary file's path
     */
    public static Path temporaryFile(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        if (abs.getFileName() == null) {
            throw new UncheckedIOException(path + " is a root directory, not a file",
                    new IOException(path + ": is a directory"));
        }
        return abs.resolveSibling("." + abs.getFileName() + ".chainrule-tmp");
    }

    /** Removes a temporary file a killed {@link #write} of {@code path} left behind, if any. */
    static void removeStaleTemporary(Path path) {
        try {
            Files.deleteIfExists(temporaryFile(path));
        } catch (IOException | UncheckedIOException ignored) {
            // not ours to fix here: the load or save itself reports what is wrong with the path
        }
    }

    /** Makes the rename durable (Linux, macOS); platforms that cannot open a directory skip it. */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // e.g. Windows: directories cannot be opened, and its renames are journaled
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
            node.put("dtype", t.dtype());
            ArrayNode shape = node.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            long end = offset + (long) t.width() * t.data().length;
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
            if (t.width() == 8) {
                buf.asDoubleBuffer().put(t.data());
            } else {
                double[] d = t.data();
                for (int i = 0; i < d.length; i++) {
                    float f = (float) d[i];
                    if (f != d[i] && !Double.isNaN(d[i])) {
                        throw new IllegalArgumentException("SafeTensors.write: F32 entry holds " + d[i] + " at index " + i
                                + ", which is not a float (round it first, e.g. Tensor.to(DType.F32))");
                    }
                    buf.putFloat(buf.position() + 4 * i, f);
                }
            }
            buf.position(buf.position() + t.width() * t.data().length);
        }
        return buf.array();
    }

    /**
     * Reads and validates a file: header length, JSON (exactly one object), each entry's dtype,
     * shape and offsets against the bytes present, all with exact arithmetic, before anything
     * is allocated for the data. Tensors are read from the file in chunks, so a file larger than
     * 2 GiB loads without one array for all of it; a file whose numbers would not fit in the
     * heap is refused with a message rather than an {@link OutOfMemoryError}.
     *
     * @throws IllegalArgumentException naming the file and what does not match (the content is wrong)
     * @throws UncheckedIOException     naming the file when it cannot be read (missing, a directory,
     *                                  no permission, an I/O error)
     *
     * @param path the file
     * @return the file's tensors and metadata
     */
    public static Contents read(Path path) {
        Objects.requireNonNull(path, "SafeTensors.read: path is null");
        removeStaleTemporary(path);
        FileErrors.requireReadableFile("SafeTensors.read", path);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return decode(path.toString(), ch);
        } catch (IOException e) {
            throw FileErrors.cannotRead("SafeTensors.read", path, e);
        }
    }

    static Contents decode(String source, FileChannel ch) throws IOException {
        String where = "checkpoint " + source + ": ";
        long size = ch.size();
        if (size < 8) {
            throw new IllegalArgumentException(where + "only " + size + " bytes; a safetensors file starts with "
                    + "an 8-byte header length (truncated?)");
        }
        long n = readFully(ch, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > MAX_HEADER) {
            throw new IllegalArgumentException(where + "header length " + Long.toUnsignedString(n)
                    + " is not plausible (not a safetensors file?)");
        }
        if (n > size - 8) {
            throw new IllegalArgumentException(where + "the header needs " + n + " bytes but only " + (size - 8)
                    + " follow (truncated?)");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(readFully(ch, 8, (int) n).array(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + "the header is not one valid JSON object: "
                    + e.getOriginalMessage(), e);
        }
        if (header == null || !header.isObject()) {
            throw new IllegalArgumentException(where + "the header is not a JSON object");
        }
        long dataStart = 8 + n;
        long dataLength = size - dataStart;
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
        long heapNeeded = 0;
        for (Raw r : found) {
            if (r.begin() != expected) {
                throw new IllegalArgumentException(where + "tensor '" + r.name() + "' starts at byte " + r.begin()
                        + " but the previous one ends at " + expected + " (overlapping or gapped data)");
            }
            expected = r.end();
            heapNeeded += 8L * r.count() + 16; // each tensor becomes a double[]
        }
        if (expected != dataLength) {
            throw new IllegalArgumentException(where + "the header accounts for " + expected + " data bytes but the file "
                    + "has " + dataLength);
        }
        Heap.require(where, heapNeeded);
        Map<String, Entry> tensors = new LinkedHashMap<>();
        for (Raw r : found) {
            tensors.put(r.name(), new Entry(r.dtype(), r.shape(), values(ch, dataStart + r.begin(), r.dtype(), r.count())));
        }
        return new Contents(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    /** {@code length} bytes of {@code ch} from {@code position}; the caller has checked they exist. */
    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new java.io.EOFException("the file shrank while being read");
            }
        }
        return buf.flip();
    }

    /** A header entry as declared, before its bytes are read. */
    private record Raw(String name, String dtype, int[] shape, long begin, long end, int count) {
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
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 0) {
                throw new IllegalArgumentException(at + "shape " + sh + " has a bad dimension " + d);
            }
            shape[i] = d.asInt();
            try {
                count = Math.multiplyExact(count, shape[i]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(at + "shape " + sh + " has more elements than a long can count");
            }
        }
        if (count > MAX_ELEMENTS) {
            throw new IllegalArgumentException(at + "shape " + sh + " has " + count + " elements; one tensor holds at most "
                    + MAX_ELEMENTS);
        }
        JsonNode off = v.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).isIntegralNumber()
                || !off.get(1).isIntegralNumber()) {
            throw new IllegalArgumentException(at + "data_offsets must be [begin, end]");
        }
        if (!off.get(0).canConvertToLong() || !off.get(1).canConvertToLong()) {
            throw new IllegalArgumentException(at + "data_offsets " + off + " lie beyond any file (more than 2^63 bytes)");
        }
        long begin = off.get(0).asLong();
        long end = off.get(1).asLong();
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(at + "data_offsets [" + begin + ", " + end + "] are not an interval");
        }
        long bytes = count * width; // count <= MAX_ELEMENTS, so no overflow
        if (end - begin != bytes) {
            throw new IllegalArgumentException(at + "shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + bytes + " bytes but data_offsets [" + begin + ", " + end + "] hold " + (end - begin));
        }
        if (end > dataLength) {
            throw new IllegalArgumentException(at + "data ends at byte " + end + " but the file has only " + dataLength
                    + " data bytes (truncated?)");
        }
        return new Raw(name, dtype, shape, begin, end, (int) count);
    }

    /** {@code count} numbers of {@code dtype} from {@code position}, read in chunks into one double[]. */
    static double[] values(FileChannel ch, long position, String dtype, int count) throws IOException {
        int width = dtype.equals("F64") ? 8 : 4;
        double[] d = new double[count];
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        int done = 0;
        while (done < count) {
            int k = Math.min(count - done, CHUNK / width);
            chunk.clear().limit(k * width);
            long at = position + (long) done * width;
            while (chunk.hasRemaining()) {
                if (ch.read(chunk, at + chunk.position()) < 0) {
                    throw new java.io.EOFException("the file shrank while being read");
                }
            }
            chunk.flip();
            if (width == 8) {
                chunk.asDoubleBuffer().get(d, done, k);
            } else {
                for (int i = 0; i < k; i++) {
                    d[done + i] = chunk.getFloat(4 * i);
                }
            }
            done += k;
        }
        return d;
    }
}
