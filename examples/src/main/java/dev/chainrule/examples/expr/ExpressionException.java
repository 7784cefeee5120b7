package dev.chainrule.examples.expr;

/**
 * A mistake in an expression's text or in the values given for its variables. The message
 * quotes the text and points at the position with a caret.
 */
public final class ExpressionException extends IllegalArgumentException {
    /** Where in the text the mistake is (0-based). */
    private final int position;

    ExpressionException(String message, String text, int position) {
        super(message + (text == null ? "" : "\n  " + text + "\n  "
                + " ".repeat(Math.max(0, Math.min(position, text.length()))) + "^ (position " + (position + 1) + ")"));
        this.position = position;
    }

    ExpressionException(String message) {
        super(message);
        this.position = -1;
    }

    /** Zero-based position in the text where the problem was found, or -1 when none applies. */
    public int position() {
        return position;
    }
}
