package dev.chainrule.examples.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Long expression text is shortened in messages, and the caret still points at the right character. */
class SnippetTest {
    @Test
    void shortTextIsQuotedWhole() {
        assertEquals("x*y", Snippet.of("x*y"));
        String eighty = "x".repeat(Snippet.MAX);
        assertEquals(eighty, Snippet.of(eighty));
    }

    @Test
    void longTextKeepsItsStartAndEndAndSaysHowLongItIs() {
        String text = "a".repeat(100) + "b".repeat(10_000) + "c".repeat(100);
        String s = Snippet.of(text);
        assertTrue(s.startsWith("aaaa") && s.contains(" ... ") && s.endsWith("ccc (10200 characters)"), s);
        assertTrue(s.length() < Snippet.MAX + 30, s);
    }

    @Test
    void theWindowKeepsTheCaretOnTheSameCharacter() {
        String text = "0123456789".repeat(100);
        for (int pos : new int[] {0, 5, 39, 40, 41, 500, 959, 960, 999, 1000}) {
            Snippet.Window w = Snippet.around(text, pos);
            assertTrue(w.text().length() <= Snippet.MAX + 6, w.text());
            if (pos < text.length()) {
                assertEquals(text.charAt(pos), w.text().charAt(w.caret()), "position " + pos + " in " + w);
            } else {
                assertEquals(w.text().length(), w.caret(), "the end");
            }
        }
        assertEquals(new Snippet.Window("x + ", 4), Snippet.around("x + ", 4));
    }

    @Test
    void anExpressionErrorFarIntoALongTextPointsAtTheMistake() {
        String text = "x + ".repeat(5000) + "$";
        ExpressionException e = org.junit.jupiter.api.Assertions.assertThrows(ExpressionException.class,
                () -> Expression.parse(text));
        String[] lines = e.getMessage().split("\n");
        assertEquals(3, lines.length, e.getMessage());
        int caret = lines[2].indexOf('^');
        assertEquals('$', lines[1].charAt(caret), e.getMessage());
        assertTrue(lines[2].endsWith("(position 20001 of 20001)"), e.getMessage());
    }
}
