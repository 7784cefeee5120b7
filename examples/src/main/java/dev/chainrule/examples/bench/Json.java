package dev.chainrule.examples.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One benchmark record: fields in insertion order, printed as one JSON line like the reference scripts. */
final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** A record whose first field is {@code "bench": name}. */
    static Json bench(String name) {
        return new Json().put("bench", name);
    }

    Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    Map<String, Object> fields() {
        return fields;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append(quote(e.getKey())).append(": ").append(value(e.getValue()));
        }
        return s.append('}').toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%s", d) : "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Iterable<?>) {
            StringBuilder s = new StringBuilder("[");
            for (Object o : (Iterable<?>) v) {
                s.append(s.length() > 1 ? ", " : "").append(value(o));
            }
            return s.append(']').toString();
        }
        return quote(v.toString());
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': q.append("\\\""); break;
                case '\\': q.append("\\\\"); break;
                case '\n': q.append("\\n"); break;
                default:
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
            }
        }
        return q.append('"').toString();
    }
}
