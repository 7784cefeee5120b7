package dev.chainrule.autograd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Exports a computational graph as Graphviz DOT text, in the spirit of micrograd's
 * {@code draw_dot}: each node is a record box showing its label (if any), its data and its
 * gradient; each node computed by an operation gets a small ellipse with the op's name
 * between its inputs and itself.
 *
 * <pre>{@code
 * Value x = Value.of(2).label("x"), y = Value.of(3).label("y");
 * Value z = x.mul(y).add(x.sin()).label("z");
 * z.backward(true);                              // retain: a plain backward() frees the graph
 * GraphExport.writeDot(z, Path.of("z.dot"));   // then: dot -Tsvg z.dot -o z.svg
 * }</pre>
 *
 * <p>The graph is walked with an explicit stack, never recursion, so a chain of 10^5 or more
 * nodes exports on the default thread stack. Node ids ({@code n0}, {@code n1}, ...) follow
 * the walk from the root, so the same graph always gives the same text. Gradients shown are
 * whatever the nodes hold when exported: call it after {@code backward(true)} to see them
 * (interior tensors keep theirs only after {@link Tensor#retainGrad()}); a backward pass that
 * does not retain the graph frees it, and a freed node is drawn without its inputs.
 */
public final class GraphExport {
    /** Tensors show at most this many elements of their data and gradient. */
    static final int TENSOR_PREVIEW = 4;

    private GraphExport() {
    }

    /**
     * The DOT text of the graph that {@code root} was computed from.
     *
     * @param root the node the picture ends at
     * @return the graph in Graphviz DOT syntax
     */
    public static String toDot(Value root) {
        Objects.requireNonNull(root, "GraphExport.toDot: root is null");
        return render(root);
    }

    /**
     * The DOT text of the graph that {@code root} was computed from.
     *
     * @param root the tensor the picture ends at
     * @return the graph in Graphviz DOT syntax
     */
    public static String toDot(Tensor root) {
        Objects.requireNonNull(root, "GraphExport.toDot: root is null");
        return render(root);
    }

    /**
     * Writes {@link #toDot(Value)} to {@code file} (UTF-8) and returns the path.
     *
     * @param root the node the picture ends at
     * @param file where to write; an existing file is replaced
     * @return {@code file}
     */
    public static Path writeDot(Value root, Path file) {
        return write(toDot(root), file);
    }

    /**
     * Writes {@link #toDot(Tensor)} to {@code file} (UTF-8) and returns the path.
     *
     * @param root the tensor the picture ends at
     * @param file where to write; an existing file is replaced
     * @return {@code file}
     */
    public static Path writeDot(Tensor root, Path file) {
        return write(toDot(root), file);
    }

    private static Path write(String dot, Path file) {
        Objects.requireNonNull(file, "GraphExport.writeDot: file is null");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.writeString(file, dot, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("GraphExport.writeDot: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Numbers every node reachable from {@code root} in depth-first pre-order (inputs in
     * argument order) with an explicit stack, then prints nodes and edges in that order.
     */
    private static String render(Node root) {
        Map<Node, Integer> ids = new IdentityHashMap<>();
        List<Node> nodes = new ArrayList<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            if (ids.containsKey(node)) {
                continue;
            }
            ids.put(node, nodes.size());
            nodes.add(node);
            // pushed in reverse so input 0 is numbered first
            for (int i = node.inputs.length - 1; i >= 0; i--) {
                if (!ids.containsKey(node.inputs[i])) {
                    stack.push(node.inputs[i]);
                }
            }
        }

        StringBuilder out = new StringBuilder(128 + nodes.size() * 96);
        out.append("digraph chainrule {\n");
        out.append("  rankdir=LR;\n");
        out.append("  node [fontname=\"Helvetica\", fontsize=10];\n");
        for (int k = 0; k < nodes.size(); k++) {
            Node node = nodes.get(k);
            out.append("  n").append(k).append(" [shape=record, label=\"{")
                    .append(recordLabel(node)).append("}\"];\n");
            if (!node.isLeaf()) {
                out.append("  n").append(k).append("_op [shape=ellipse, width=0.3, height=0.3, label=\"")
                        .append(escapeString(opLabel(node))).append("\"];\n");
                out.append("  n").append(k).append("_op -> n").append(k).append(";\n");
            }
        }
        for (int k = 0; k < nodes.size(); k++) {
            Node node = nodes.get(k);
            for (Node in : node.inputs) {
                out.append("  n").append(ids.get(in)).append(" -> n").append(k).append("_op;\n");
            }
        }
        out.append("}\n");
        return out.toString();
    }

    /** The fields of a node's record: label (if any), data, grad. */
    private static String recordLabel(Node node) {
        List<String> fields = new ArrayList<>(3);
        if (node instanceof Value) {
            Value v = (Value) node;
            if (v.label() != null) {
                fields.add(v.label());
            } else if (!v.requiresGrad && v.isLeaf()) {
                fields.add("const");
            }
            fields.add("data " + number(v.data()));
            fields.add(v.requiresGrad ? "grad " + number(v.grad()) : "no grad");
        } else {
            Tensor t = (Tensor) node;
            fields.add((t.isLeaf() ? t.op() + " " : "") + shape(t.shape));
            fields.add("data " + preview(t.doubles()));
            if (!t.requiresGrad) {
                fields.add("no grad");
            } else {
                Tensor g = t.grad();
                fields.add(g == null ? "grad none" : "grad " + preview(g.doubles()));
            }
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                s.append(" | ");
            }
            s.append(escapeRecord(fields.get(i)));
        }
        return s.toString();
    }

    /** The op ellipse's text; ops with a constant parameter show it (pow 2, leakyRelu 0.01). */
    private static String opLabel(Node node) {
        if (node instanceof Value) {
            Value v = (Value) node;
            return v.opLabel();
        }
        return node.opName();
    }

    private static String shape(int[] shape) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? "x" : "").append(shape[i]);
        }
        return s.append(']').toString();
    }

    /** The first few elements, then an ellipsis and the count when there are more. */
    private static String preview(double[] data) {
        StringBuilder s = new StringBuilder("(");
        int n = Math.min(data.length, TENSOR_PREVIEW);
        for (int i = 0; i < n; i++) {
            s.append(i > 0 ? ", " : "").append(number(data[i]));
        }
        if (data.length > n) {
            s.append(", ... ").append(data.length).append(" values");
        }
        return s.append(')').toString();
    }

    /** Four significant-looking decimals as micrograd shows, without losing tiny or huge values. */
    static String number(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return x == 0 ? "0" : Double.toString(x);
        }
        double a = Math.abs(x);
        if (a >= 1e-3 && a < 1e6) {
            String s = String.format(Locale.ROOT, "%.4f", x);
            // trim trailing zeros so 2.0000 reads 2 and 0.5000 reads 0.5
            s = s.replaceAll("0+$", "");
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return String.format(Locale.ROOT, "%.4g", x);
    }

    /**
     * Escapes text for a field of a DOT record label: the record syntax characters
     * ({@code { } | < >}), quotes and backslashes get a backslash; line breaks become spaces.
     */
    static String escapeRecord(String text) {
        StringBuilder s = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '{': case '}': case '|': case '<': case '>': case '"': case '\\':
                    s.append('\\').append(c);
                    break;
                case '\n': case '\r':
                    s.append(' ');
                    break;
                default:
                    s.append(c);
            }
        }
        return s.toString();
    }

    /** Escapes text for a plain quoted DOT string: quotes and backslashes; line breaks become spaces. */
    static String escapeString(String text) {
        StringBuilder s = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c == '\n' || c == '\r') {
                s.append(' ');
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
