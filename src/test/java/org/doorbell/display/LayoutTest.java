package org.doorbell.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The layout at the screen sizes a doorbell may have: everything fits and can be tapped. */
class LayoutTest {

    @ParameterizedTest
    @CsvSource({"1024, 600", "800, 480", "1280, 800", "1920, 1080", "640, 480"})
    void touchTargetsAreLargeAndDoNotOverlap(int width, int height) {
        Layout layout = new Layout(width, height);
        Rectangle screen = new Rectangle(0, 0, width, height);
        Rectangle visitors = layout.visitorsButton();
        assertTrue(visitors.height >= 48 && screen.contains(visitors), visitors.toString());
        Rectangle back = layout.backButton();
        assertTrue(back.height >= 48 && screen.contains(back), back.toString());
        assertTrue(layout.stripSlots() >= 3, "room for at least three recent visitors");
        for (int i = 0; i < layout.stripSlots(); i++) {
            Rectangle thumb = layout.stripThumbnail(i);
            assertTrue(thumb.width >= 96 && thumb.height >= 96, thumb.toString());
            assertTrue(layout.stripSlot(i).contains(thumb));
            assertFalse(layout.stripSlot(i).intersects(visitors), "slot " + i + " under the button");
            assertTrue(thumb.y + thumb.height < layout.stripHeight);
        }
        assertEquals(layout.stripHeight, layout.videoArea().y, "video starts under the strip");
        assertEquals(height, layout.videoArea().y + layout.videoArea().height);
        assertTrue(layout.rowHeight >= 96);
    }

    @ParameterizedTest
    @CsvSource({"1024, 600", "800, 480", "1280, 800", "1920, 1080", "640, 480"})
    void theCardsButtonsAreLargeAndClearOfTheFaceAndFacts(int width, int height) {
        Layout layout = new Layout(width, height);
        Rectangle screen = new Rectangle(0, 0, width, height);
        Rectangle face = layout.cardFace(true);
        Rectangle panel = layout.cardPanel(true);
        assertTrue(face.width >= 200 && face.y >= layout.headerHeight, "a large face under the header: " + face);
        assertTrue(screen.contains(panel) && !panel.intersects(face), panel.toString());
        for (int i = 0; i < 4; i++) {
            Rectangle b = layout.cardAction(i);
            assertTrue(b.height >= Layout.MIN_TOUCH && b.width >= 96 && screen.contains(b), i + ": " + b);
            assertFalse(b.intersects(face) || b.intersects(panel), i + " clear of the face and facts: " + b);
            if (i > 0) {
                Rectangle left = layout.cardAction(i - 1);
                assertTrue(left.x + left.width < b.x, "apart from the one before: " + b);
            }
        }
        Rectangle undo = layout.cardUndo();
        assertTrue(undo.height >= Layout.MIN_TOUCH && panel.contains(undo), "Undo in the panel: " + undo);
        Rectangle message = layout.cardMessage();
        assertTrue(message.width > 100 && panel.contains(message) && !message.intersects(undo), message.toString());
        assertEquals(layout.content().y + layout.margin, layout.cardFace(false).y);
        assertTrue(layout.cardFace(false).width >= face.width, "the face is as large or larger without buttons");
    }

    @ParameterizedTest
    @CsvSource({"1024, 600", "800, 480", "1280, 800", "1920, 1080", "640, 480"})
    void theKeyboardAndTheConfirmationFit(int width, int height) {
        Layout layout = new Layout(width, height);
        Rectangle screen = new Rectangle(0, 0, width, height);
        Rectangle field = layout.keyboardField();
        Rectangle ok = layout.keyboardOk();
        Rectangle keys = layout.keyboardKeys();
        Rectangle cancel = layout.backButton();
        assertTrue(ok.height >= Layout.MIN_TOUCH && screen.contains(ok) && !ok.intersects(cancel), ok.toString());
        assertTrue(field.width > width / 2 && !field.intersects(ok) && field.y >= layout.headerHeight,
                field.toString());
        assertTrue(screen.contains(keys) && keys.y >= field.y + field.height && keys.height >= 4 * 64,
                "four rows of keys under the field: " + keys);

        Rectangle box = layout.confirmDialog();
        Rectangle yes = layout.confirmOk();
        Rectangle no = layout.confirmCancel();
        assertTrue(screen.contains(box) && box.contains(yes) && box.contains(no), box + " " + yes + " " + no);
        assertTrue(yes.height >= Layout.MIN_TOUCH && no.height >= Layout.MIN_TOUCH && !yes.intersects(no));
        assertTrue(screen.contains(layout.toast()));
    }

    @ParameterizedTest
    @CsvSource({"1366, 768", "640, 480", "480, 640"})
    void videoIsFittedWithItsAspectAndCentred(int videoWidth, int videoHeight) {
        Rectangle area = new Layout(1024, 600).videoArea();
        Rectangle shown = Layout.fit(videoWidth, videoHeight, area);
        assertTrue(area.contains(shown), shown.toString());
        assertTrue(shown.width == area.width || shown.height == area.height, "touches two sides");
        assertEquals(videoWidth / (double) videoHeight, shown.width / (double) shown.height, 0.01);
        assertTrue(Math.abs((shown.x - area.x) - (area.x + area.width - shown.x - shown.width)) <= 1, "centred");
        assertTrue(Math.abs((shown.y - area.y) - (area.y + area.height - shown.y - shown.height)) <= 1, "centred");
    }
}
