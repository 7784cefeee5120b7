package dev.chainrule.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Loads a classification CSV (plain or gzip'd): one sample a line, the features then an
 * integer label, no quoting. An optional first line {@code N,D,name0,name1,...} (the
 * scikit-learn layout of the project's data sets) gives the row and feature counts, which are
 * then checked, and the class names. Without it every line is a sample and the last column
 * is the label.
 *
 * <p>Labels are whole numbers from 0 to {@link #MAX_LABEL}. A leading UTF-8 byte-order mark is
 * skipped. Cells must be decimal numbers: {@code NaN} and {@code Infinity} are refused unless
 * {@link #allowNonFinite(boolean) asked for}, and Java-only spellings such as {@code 1d} or
 * {@code 0x1p3} always are. Messages quote cells with invisible characters spelled out
 * ({@code \uFEFF}).
 * <pre>{@code
 * Dataset d = Csv.load(path);                                      // finite features only
 * Dataset gaps = Csv.reader().allowNonFinite(true).read(path);     // NaN marks missing values
 * }</pre>
 */
public final class Csv {
    /** The largest label accepted: more classes than any model here would have, and far from int overflow. */
    public static final int MAX_LABEL = 1_000_000;
    private static final Csv DEFAULT = new Csv(false);

    private final boolean allowNonFinite;

    private Csv(boolean allowNonFinite) {
        this.allowNonFinite = allowNonFinite;
    }

    /**
     * A reader with the defaults (finite features only); configure it, then {@link #read(Path)}.
     *
     * @return a reader with the defaults (finite features only); configure it, then {@link #read(Path)}
     */
    public static Csv reader() {
        return DEFAULT;
    }

    /**
     * A reader like this one that accepts (or, with false, refuses) {@code NaN}, {@code Infinity}
     * and {@code -Infinity} feature cells. Labels are always finite.
     *
     * @param allow whether non-finite features are accepted
     * @return the configured reader (this one is unchanged)
     */
    public Csv allowNonFinite(boolean allow) {
        return new Csv(allow);
    }

    /**
     * Reads {@code path} with the defaults: {@code reader().read(path)}.
     *
     * @param path the CSV file, plain or gzip'd
     * @return its samples and labels
     * @throws UncheckedIOException     naming the file when it cannot be read (missing, a directory, an I/O error)
     * @throws IllegalArgumentException naming the file and line when the content is malformed
     */
    public static Dataset load(Path path) {
        return DEFAULT.read(path);
    }

    /**
     * Reads {@code path} with this reader's settings.
     *
     * @param path the CSV file, plain or gzip'd
     * @return its samples and labels
     * @throws UncheckedIOException     naming the file when it cannot be read (missing, a directory, an I/O error)
     * @throws IllegalArgumentException naming the file and line when the content is malformed
     */
    public Dataset read(Path path) {
        Objects.requireNonNull(path, "Csv.load: path is null");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(DataFiles.open(path), StandardCharsets.UTF_8))) {
            return parse(path.toString(), r);
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException("Csv.load: " + path + " ends early (truncated gzip file?)", e);
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException("Csv.load: " + path + " is a damaged gzip file: " + e.getMessage(), e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException("Csv.load: " + path + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Csv.load: cannot read " + path + ": " + DataFiles.reason(e), e);
        }
    }

    Dataset parse(String source, BufferedReader r) throws IOException {
        String line = r.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1); // a byte-order mark, as spreadsheet programs write
        }
        int lineNo = 1;
        while (line != null && line.isBlank()) {
            line = r.readLine();
            lineNo++;
        }
        if (line == null) {
            throw new IllegalArgumentException("Csv.load: " + source + " is empty");
        }
        int expectedRows = -1;
        int features = -1;
        List<String> classNames = List.of();
        String[] first = line.split(",", -1);
        if (!allNumeric(first)) {
            if (first.length < 2) {
                throw new IllegalArgumentException("Csv.load: " + source + " line 1: a header must be N,D,class names...; got '"
                        + visible(line) + "'");
            }
            expectedRows = intAt(source, lineNo, first, 0);
            features = intAt(source, lineNo, first, 1);
            classNames = List.copyOf(Arrays.asList(first).subList(2, first.length));
            line = r.readLine();
            lineNo++;
        }
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (; line != null; line = r.readLine(), lineNo++) {
            if (line.isBlank()) {
                continue;
            }
            String[] t = line.split(",", -1);
            if (features < 0) {
                features = t.length - 1;
                if (features < 1) {
                    throw new IllegalArgumentException("Csv.load: " + source + " line " + lineNo
                            + ": need at least one feature and a label, got '" + visible(line) + "'");
                }
            }
            if (t.length != features + 1L) {
                throw new IllegalArgumentException("Csv.load: " + source + " line " + lineNo + " has " + t.length
                        + " columns, expected " + (features + 1L) + " (" + features + " features and the label)");
            }
            double[] row = new double[features];
            for (int j = 0; j < features; j++) {
                row[j] = number(source, lineNo, t, j, allowNonFinite);
            }
            double label = number(source, lineNo, t, features, false);
            if (label != Math.rint(label) || label < 0 || label > MAX_LABEL) {
                throw new IllegalArgumentException("Csv.load: " + source + " line " + lineNo + ": label '"
                        + visible(t[features].trim()) + "' is not a class index (a whole number from 0 to " + MAX_LABEL + ")");
            }
            if (!classNames.isEmpty() && label >= classNames.size()) {
                throw new IllegalArgumentException("Csv.load: " + source + " line " + lineNo + ": label " + (int) label
                        + " but the header names " + classNames.size() + " classes");
            }
            rows.add(row);
            labels.add((int) label);
        }
        if (expectedRows >= 0 && rows.size() != expectedRows) {
            throw new IllegalArgumentException("Csv.load: " + source + " has " + rows.size() + " samples but its header says "
                    + expectedRows + " (truncated file?)");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("Csv.load: " + source + " has no samples");
        }
        double[] flat = new double[Math.multiplyExact(rows.size(), features)];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, flat, i * features, features);
        }
        return Dataset.of(flat, new int[] {rows.size(), features}, labels.stream().mapToInt(Integer::intValue).toArray(),
                classNames);
    }

    private static boolean allNumeric(String[] tokens) {
        for (String s : tokens) {
            try {
                Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static double number(String source, int lineNo, String[] t, int j, boolean allowNonFinite) {
        String cell = t[j].trim();
        String problem = null;
        double v = Double.NaN;
        try {
            v = Double.parseDouble(cell);
            char last = cell.charAt(cell.length() - 1);
            if (cell.indexOf('x') >= 0 || cell.indexOf('X') >= 0 || (Character.isLetter(last) && Double.isFinite(v))) {
                problem = "is not a decimal number"; // 0x1p3, 1d, 2f: Java spellings, not CSV
            } else if (!Double.isFinite(v) && !allowNonFinite) {
                problem = "is not finite (Csv.reader().allowNonFinite(true) accepts NaN and Infinity)";
            }
        } catch (NumberFormatException e) {
            problem = "is not a number";
        }
        if (problem != null) {
            throw new IllegalArgumentException("Csv.load: " + source + " line " + lineNo + " column " + (j + 1)
                    + ": '" + visible(t[j]) + "' " + problem);
        }
        return v;
    }

    /** {@code s} with invisible and control characters spelled as {@code \\uXXXX}, so a message shows them. */
    static String visible(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            if (c != ' ' && (Character.isISOControl(c) || Character.isWhitespace(c) || type == Character.FORMAT
                    || type == Character.UNASSIGNED || type == Character.SURROGATE)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static int intAt(String source, int lineNo, String[] t, int j) {
        try {
            int v = Integer.parseInt(t[j].trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Csv.load: " + source + " line " + lineNo + ": header field " + (j + 1)
                    + " '" + visible(t[j]) + "' should be a count (the header is N,D,class names...)");
        }
    }
}
