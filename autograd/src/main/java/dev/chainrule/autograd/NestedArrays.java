package dev.chainrule.autograd;

/**
 * Java's nested arrays ({@code double[][]}, {@code double[][][]}) flattened to row-major
 * numbers and a shape, for the {@code Tensor.of} factories; a null or ragged array is
 * refused with the index of the first row that does not fit.
 */
final class NestedArrays {
    private NestedArrays() {
    }

    /** Row-major numbers and their shape. */
    record Flat(double[] data, int[] shape) {
    }

    static Flat flatten(String op, double[][] rows) {
        if (rows == null) {
            throw new NullPointerException(op + ": rows are null");
        }
        int cols = columns(op, rows, "");
        double[] data = new double[Math.multiplyExact(rows.length, cols)];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return new Flat(data, new int[] {rows.length, cols});
    }

    static Flat flatten(String op, double[][][] blocks) {
        if (blocks == null) {
            throw new NullPointerException(op + ": array is null");
        }
        if (blocks.length == 0) {
            throw new IllegalArgumentException(op + ": empty array; its inner lengths are unknown (use Tensor.zeros for "
                    + "an empty tensor)");
        }
        int rows = -1, cols = -1;
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i] == null) {
                throw new IllegalArgumentException(op + ": [" + i + "] is null");
            }
            if (rows < 0) {
                rows = blocks[i].length;
                cols = columns(op, blocks[i], "[" + i + "]");
            } else if (blocks[i].length != rows) {
                throw ragged(op, "[" + i + "]", blocks[i].length, "[0]", rows);
            } else if (rows > 0 && columns(op, blocks[i], "[" + i + "]") != cols) {
                throw ragged(op, "[" + i + "][0]", blocks[i][0].length, "[0][0]", cols);
            }
        }
        double[] data = new double[Math.multiplyExact(Math.multiplyExact(blocks.length, rows), cols)];
        int at = 0;
        for (double[][] block : blocks) {
            for (double[] row : block) {
                System.arraycopy(row, 0, data, at, cols);
                at += cols;
            }
        }
        return new Flat(data, new int[] {blocks.length, rows, cols});
    }

    /** The common length of {@code rows} (under {@code prefix} for messages), refusing null and ragged rows. */
    private static int columns(String op, double[][] rows, String prefix) {
        if (rows.length == 0) {
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException(op + ": no rows; the column count is unknown (use Tensor.zeros(0, n) "
                        + "for an empty matrix)");
            }
            return 0;
        }
        int cols = -1;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new IllegalArgumentException(op + ": row " + prefix + "[" + i + "] is null");
            }
            if (cols < 0) {
                cols = rows[i].length;
            } else if (rows[i].length != cols) {
                throw ragged(op, prefix + "[" + i + "]", rows[i].length, prefix + "[0]", cols);
            }
        }
        return cols;
    }

    private static IllegalArgumentException ragged(String op, String where, int length, String first, int expected) {
        return new IllegalArgumentException(op + ": ragged array: " + where + " has length " + length + " but " + first
                + " has " + expected + "; a tensor needs every row of one length");
    }
}
