package org.doorbell.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Point;
import java.awt.Rectangle;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The name keyboard: what each key types, and keys large enough for a finger at every screen size. */
class OnScreenKeyboardTest {

    private static OnScreenKeyboard typing(String initial, String... keys) {
        OnScreenKeyboard k = new OnScreenKeyboard();
        k.start(initial);
        for (String key : keys) {
            k.press(key);
        }
        return k;
    }

    /** Each character of {@code s} as its key: letters (either case), " " as Space, "-" and "'". */
    private static String[] keysFor(String s) {
        return s.chars().mapToObj(c -> c == ' ' ? OnScreenKeyboard.SPACE : String.valueOf((char) c).toUpperCase())
                .toArray(String[]::new);
    }

    @Test
    void eachWordStartsWithACapitalTheRestSmall() {
        assertEquals("Alice", typing(null, keysFor("alice")).text());
        assertEquals("Mary-Jane Smith", typing(null, keysFor("mary-jane smith")).text());
        assertEquals("O'brien", typing(null, keysFor("o'brien")).text(), "no capital after an apostrophe by itself");
    }

    @Test
    void shiftTurnsTheNextLetterTheOtherWay() {
        OnScreenKeyboard k = typing(null, "M", "C", OnScreenKeyboard.SHIFT);
        assertTrue(k.shifted());
        assertTrue(k.capitalNext());
        k.press("D");
        assertFalse(k.shifted(), "shift is for one letter");
        for (String key : keysFor("onald")) {
            k.press(key);
        }
        assertEquals("McDonald", k.text());
        assertEquals("van Dijk", typing(null, OnScreenKeyboard.SHIFT, "V", "A", "N", OnScreenKeyboard.SPACE, "D", "I",
                "J", "K").text());
        assertFalse(typing(null, OnScreenKeyboard.SHIFT, OnScreenKeyboard.SHIFT).shifted(), "pressed twice: off");
    }

    @Test
    void startsFromTheCurrentNameAndEditsIt() {
        assertEquals("Alice", typing("  Alice ").text());
        assertEquals("", typing(null).text());
        assertEquals("Alic", typing("Alice", OnScreenKeyboard.BACKSPACE).text());
        assertEquals("", typing("Alice", OnScreenKeyboard.CLEAR).text());
        assertEquals("", typing("", OnScreenKeyboard.BACKSPACE).text(), "backspace on nothing does nothing");
        assertEquals("Bob", typing("Alice", OnScreenKeyboard.CLEAR, "B", "O", "B").text());
    }

    @Test
    void noSpaceOrPunctuationWhereANameCannotHaveIt() {
        assertEquals("", typing(null, OnScreenKeyboard.SPACE, OnScreenKeyboard.HYPHEN,
                OnScreenKeyboard.APOSTROPHE).text(), "nothing before the first letter");
        assertEquals("Al ", typing(null, "A", "L", OnScreenKeyboard.SPACE, OnScreenKeyboard.SPACE).text(),
                "one space at a time");
        assertEquals("Al ", typing(null, "A", "L", OnScreenKeyboard.SPACE, OnScreenKeyboard.HYPHEN).text());
        assertEquals("Al", typing(null, "A", "L", OnScreenKeyboard.SPACE).name(), "the name has no trailing space");
        assertEquals("A", typing(null, "A", "?", "", "Enter").text(), "unknown keys are ignored");
    }

    @Test
    void atMostFortyCharacters() {
        String[] keys = new String[60];
        java.util.Arrays.fill(keys, "A");
        OnScreenKeyboard k = typing(null, keys);
        assertEquals(OnScreenKeyboard.MAX_LENGTH, k.text().length());
        assertEquals(OnScreenKeyboard.MAX_LENGTH, typing("x".repeat(55)).text().length(), "a long name is cut too");
    }

    @ParameterizedTest
    @CsvSource({"1024, 600", "800, 480", "1280, 800", "1920, 1080"})
    void everyKeyOnceLargeAndApart(int width, int height) {
        Layout layout = new Layout(width, height);
        OnScreenKeyboard k = new OnScreenKeyboard();
        List<OnScreenKeyboard.Key> keys = k.keys(layout);
        Set<String> labels = new HashSet<>();
        Rectangle area = layout.keyboardKeys();
        for (OnScreenKeyboard.Key key : keys) {
            assertTrue(labels.add(key.label()), "one " + key.label());
            Rectangle r = key.bounds();
            assertTrue(r.width >= 64 && r.height >= 64, key.label() + " at " + width + "x" + height + ": " + r);
            assertTrue(area.contains(r), key.label() + " in the keyboard's area: " + r);
            assertEquals(key.label(), k.keyAt(layout, new Point(r.x + r.width / 2, r.y + r.height / 2))
                    .orElseThrow().label());
            for (OnScreenKeyboard.Key other : keys) {
                assertTrue(other == key || !other.bounds().intersects(r), key.label() + " overlaps " + other.label());
            }
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            assertTrue(labels.contains("" + c), "a key for " + c);
        }
        assertTrue(labels.containsAll(List.of(OnScreenKeyboard.SPACE, OnScreenKeyboard.HYPHEN,
                OnScreenKeyboard.APOSTROPHE, OnScreenKeyboard.BACKSPACE, OnScreenKeyboard.SHIFT,
                OnScreenKeyboard.CLEAR)));
        assertTrue(k.keyBounds(layout, "Enter").isEmpty());
        Rectangle space = k.keyBounds(layout, OnScreenKeyboard.SPACE).orElseThrow();
        assertTrue(space.width > 4 * k.keyBounds(layout, "Q").orElseThrow().width, "a long space bar");
    }
}
