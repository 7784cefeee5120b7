package dev.chainrule.examples.expr;

/**
 * Shortens expression text for messages, so a 10^4-character expression is not echoed whole:
 * the start and the end of the text, or a window around the position a message points at.
 */
public final class Snippet {
    /** Longest text a message quotes whole. */
    public static final int MAX = 80;

    private Snippet() {
    }

    /**
     * The text itself when it has at most {@link #MAX} characters, else its start and end
     * around {@code " ... "} and its length.
     *
     * @param text any text
     * @return at most about {@code MAX + 30} characters
     */
    public static String of(String text) {
        if (text.length() <= MAX) {
            return text;
        }
        int head = MAX * 2 / 3, tail = MAX - head;
        return text.substring(0, head) + " ... " + text.substring(text.length() - tail)
                + " (" + text.length() + " characters)";
    }

    /**
     * A window of at most {@link #MAX} characters of {@code text} around {@code position},
     * with {@code ...} where text was left out.
     *
     * @param text     the whole text
     * @param position a 0-based position in it (or its length, for the end)
     * @return the window and the position within it
     */
    static Window around(String text, int position) {
        int pos = Math.max(0, Math.min(position, text.length()));
        if (text.length() <= MAX) {
            return new Window(text, pos);
        }
        int start = Math.max(0, pos - MAX / 2);
        int end = Math.min(text.length(), start + MAX);
        start = Math.max(0, end - MAX);
        String before = start > 0 ? "..." : "", after = end < text.length() ? "..." : "";
        return new Window(before + text.substring(start, end) + after, pos - start + before.length());
    }

    /** Part of a text, and where a caret goes in it. */
    record Window(String text, int caret) {
    }
}
