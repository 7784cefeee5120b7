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
 */
public final class Csv {
    private Csv() {
    }

    /**
     * Reads {@code path}.
     *
     * @throws UncheckedIOException     when the file cannot be read
     * @throws IllegalArgumentException naming the file and line when the content is malformed
     */
    public static Dataset load(Path path) {
        Objects.requireNonNull(path, "Csv.load: path is null");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(DataFiles.open(path), StandardCharsets.UTF_8))) {
            return parse(path.toString(), r);
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException("Csv.load: " + path + " ends early (truncated gzip file?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Csv.load: cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    static Dataset parse(String source, BufferedReader r) throws IOException {
        String line = r.readLine();
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
                        + line + "'");
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
                            + ": need at least one feature and a label, got '" + line + "'");
                }
            }
            if (t.length != features + 1) {
                throw new IllegalArgumentException("Csv.load: " + source + " line " + lineNo + " has " + t.length
                        + " columns, expected " + (features + 1) + " (" + features + " features and the label)");
            }
            double[] row = new double[features];
            for (int j = 0; j < features; j++) {
                row[j] = number(source, lineNo, t, j);
            }
            double label = number(source, lineNo, t, features);
            if (label != Math.rint(label) || label < 0 || label > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Csv.load: " + source + " line " + lineNo + ": label '" + t[features].trim()
                        + "' is not a class index (a whole number >= 0)");
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
        double[] flat = new double[rows.size() * features];
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

    private static double number(String source, int lineNo, String[] t, int j) {
        try {
            return Double.parseDouble(t[j].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Csv.load: " + source + " line " + lineNo + " column " + (j + 1)
                    + ": '" + t[j] + "' is not a number");
        }
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
                    + " '" + t[j] + "' should be a count (the header is N,D,class names...)");
        }
    }
}
