package dev.chainrule.nn.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The IDX format of MNIST and Fashion-MNIST, plain or gzip'd: a 4-byte magic number
 * {@code 0, 0, type, dims} (type 0x08 = unsigned byte), one big-endian int per dimension,
 * then the data. Image files have 3 dimensions (count, rows, cols), label files 1.
 *
 * <pre>{@code
 * Dataset train = Idx.load(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
 * }</pre>
 * Pixels are scaled to [0, 1]; samples are flattened to rows·cols features.
 */
public final class Idx {
    private static final int UBYTE = 0x08;
    /** The most data bytes one file may declare: a Java array's limit. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private Idx() {
    }

    /** An IDX file's dimensions and unsigned-byte contents. */
    record Contents(int[] dims, byte[] data) {
    }

    /**
     * Loads images and labels as one dataset, checking each file is what its role needs (a
     * 3-dimensional image file and a 1-dimensional label file of the same count).
     *
     * @throws IllegalArgumentException naming the file and what is wrong (bad magic, wrong
     *                                  dimensions, truncated, counts that differ)
     * @throws UncheckedIOException     when a file cannot be read
     *
     * @param images the IDX image file
     * @param labels the IDX label file
     * @return the images with their labels
     */
    public static Dataset load(Path images, Path labels) {
        Contents img = read(images);
        if (img.dims().length != 3) {
            throw new IllegalArgumentException("Idx.load: " + images + " has " + img.dims().length
                    + " dimensions " + Arrays.toString(img.dims()) + "; an image file has 3 (count, rows, cols)"
                    + (img.dims().length == 1 ? " — is this a label file?" : ""));
        }
        Contents lab = read(labels);
        if (lab.dims().length != 1) {
            throw new IllegalArgumentException("Idx.load: " + labels + " has " + lab.dims().length
                    + " dimensions " + Arrays.toString(lab.dims()) + "; a label file has 1"
                    + (lab.dims().length == 3 ? " — is this an image file?" : ""));
        }
        int n = img.dims()[0];
        if (lab.dims()[0] != n) {
            throw new IllegalArgumentException("Idx.load: " + images + " has " + n + " images but " + labels + " has "
                    + lab.dims()[0] + " labels");
        }
        int d;
        try {
            d = Math.multiplyExact(img.dims()[1], img.dims()[2]);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Idx.load: " + images + " declares images of " + img.dims()[1] + " x "
                    + img.dims()[2] + " pixels, more than one array can hold");
        }
        dev.chainrule.nn.io.Heap.require("Idx.load: " + images + ": ", 8L * img.data().length);
        double[] x = new double[img.data().length];
        byte[] px = img.data();
        for (int i = 0; i < x.length; i++) {
            x[i] = (px[i] & 0xff) / 255.0;
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = lab.data()[i] & 0xff;
        }
        return Dataset.of(x, new int[] {n, d}, y, List.of());
    }

    /** Reads one IDX file of unsigned bytes, checking magic number, dimensions and length. */
    static Contents read(Path path) {
        Objects.requireNonNull(path, "Idx: path is null");
        try (InputStream raw = DataFiles.open(path); DataInputStream in = new DataInputStream(raw)) {
            boolean gzipped = DataFiles.isGzip(path);
            long fileSize = java.nio.file.Files.size(path);
            int magic;
            try {
                magic = in.readInt();
            } catch (EOFException e) {
                throw new IllegalArgumentException("Idx: " + path + " is shorter than an IDX header (4 bytes)", e);
            }
            int type = (magic >>> 8) & 0xff;
            int nd = magic & 0xff;
            if ((magic >>> 16) != 0 || nd == 0) {
                throw new IllegalArgumentException(String.format("Idx: %s does not start with an IDX magic number "
                        + "(00 00 type dims), got %08x", path, magic));
            }
            if (type != UBYTE) {
                throw new IllegalArgumentException(String.format("Idx: %s holds data type 0x%02x; only unsigned bytes "
                        + "(0x08) are supported", path, type));
            }
            int[] dims = new int[nd];
            long size = 1;
            for (int i = 0; i < nd; i++) {
                try {
                    dims[i] = in.readInt();
                } catch (EOFException e) {
                    throw new IllegalArgumentException("Idx: " + path + " ends inside its header (dimension " + i + " of "
                            + nd + ")", e);
                }
                if (dims[i] < 0) {
                    throw new IllegalArgumentException("Idx: " + path + " has negative dimension " + dims[i]);
                }
                try {
                    size = Math.multiplyExact(size, dims[i]);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("Idx: " + path + " declares dimensions " + Arrays.toString(dims)
                            + " whose product overflows a long");
                }
            }
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException("Idx: " + path + " declares " + size + " bytes of data "
                        + Arrays.toString(dims) + ", more than one array holds (" + MAX_BYTES + ")");
            }
            long header = 4 + 4L * nd;
            if (!gzipped && fileSize - header < size) {
                throw new IllegalArgumentException("Idx: " + path + " is truncated: its header " + Arrays.toString(dims)
                        + " declares " + size + " bytes of data but only " + (fileSize - header) + " follow");
            }
            // gzip'd data is read in chunks as it arrives, so a lying header cannot make us allocate
            byte[] data = in.readNBytes((int) size);
            if (data.length != size) {
                throw new IllegalArgumentException("Idx: " + path + " is truncated: its header " + Arrays.toString(dims)
                        + " declares " + size + " bytes of data but only " + data.length + " follow");
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("Idx: " + path + " has bytes after the " + size + " its header "
                        + Arrays.toString(dims) + " declares (wrong header?)");
            }
            return new Contents(dims, data);
        } catch (EOFException e) {
            throw new IllegalArgumentException("Idx: " + path + " ends early (truncated gzip stream)", e);
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException("Idx: " + path + " is a damaged gzip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Idx: cannot read " + path + ": " + DataFiles.reason(e), e);
        }
    }
}
