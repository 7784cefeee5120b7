package dev.chainrule.examples.expr;

/**
 * A mistake in an expression's text or in the values given for its variables. The message
 * quotes the text and points at the position with a caret.
 */
public final class ExpressionException extends IllegalArgumentException {
    /** Where in the text the mistake is (0-based). */
    private final int position;

    ExpressionException(String message, String text, int position) {
        super(message + (text == null ? "" : caret(text, position)));
        this.position = position;
    }

    ExpressionException(String message) {
        super(message);
        this.position = -1;
    }

    /** The text (shortened around the position when long) and a caret under the position. */
    private static String caret(String text, int position) {
        Snippet.Window w = Snippet.around(text, position);
        return "\n  " + w.text() + "\n  " + " ".repeat(w.caret()) + "^ (position " + (position + 1)
                + (text.length() > Snippet.MAX ? " of " + text.length() : "") + ")";
    }

    /**
     * Zero-based position in the text where the problem was found, or -1 when none applies.
     *
     * @return the position, or -1
     */
    public int position() {
        return position;
    }
}
