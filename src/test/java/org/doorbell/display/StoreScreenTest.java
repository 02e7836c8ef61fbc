package org.doorbell.display;

import static org.doorbell.display.ScreenPixels.colours;
import static org.doorbell.display.ScreenPixels.countNear;
import static org.doorbell.display.ScreenPixels.differing;
import static org.doorbell.display.StoreScreenDriver.HOWARD;
import static org.doorbell.display.StoreScreenDriver.HOWARD_AGAIN;
import static org.doorbell.display.StoreScreenDriver.LEONARD;
import static org.doorbell.display.StoreScreenDriver.PENNY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.doorbell.visitors.FaceSample;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner's corrections on the real window and a real visitor store: {@link StoreScreenDriver}
 * runs the display on a virtual X screen ({@link VirtualScreen}) over a SQLite store in a
 * temporary folder, through the appliance's own chain ({@code OwnerActions}, {@code VisitorEditor},
 * {@code VisitorRegistry}). xdotool taps name a visitor on the on-screen keyboard, merge two, undo
 * the merge, split a visit off and forget a visitor; each is checked on a screenshot and in the
 * store, read from this JVM (another process than the screen's) with
 * {@link VisitorStores#readAny}. Skipped where Xvfb, xdotool or ImageMagick is missing. The tests
 * run in order on one window; screenshots are left in target/screenshots/doorbell-store-*.png
 * ({@link VirtualScreen#shot}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreScreenTest {
    private static final Layout layout = new Layout(VirtualScreen.WIDTH, VirtualScreen.HEIGHT);
    /** The card's title, left of "Back". */
    private static final Rectangle TITLE = new Rectangle(0, 0, layout.backButton().x, layout.headerHeight);
    private static final Rectangle FACE = layout.cardFace(true);
    /** The card's facts (at the door, visits, first and last seen), above the message line. */
    private static final Rectangle FACTS;

    static {
        Rectangle panel = layout.cardPanel(true);
        int bottom = layout.cardMessage().y - layout.px(16);
        FACTS = new Rectangle(panel.x, panel.y, panel.width, bottom - panel.y);
    }

    @TempDir
    static Path dir;
    private static Path file;
    private static VirtualScreen screen;
    /** The store as the driver seeded it, by id. */
    private static Map<Long, Visitor> seeded;
    /** Visitors as the store had them before a test changed them, by id. */
    private static Map<Long, Visitor> before;
    /** The card before a correction, to compare with after. */
    private static BufferedImage cardBefore;
    /** The visitor split off Leonard. */
    private static long splitId;

    @BeforeAll
    static void startScreenOnAStore() throws Exception {
        file = dir.resolve("known_faces.db");
        screen = VirtualScreen.start(StoreScreenDriver.class, file.toString());
        seeded = stored();
    }

    @AfterAll
    static void stopScreen() throws Exception {
        if (screen != null) {
            screen.close();
        }
    }

    @Test
    @Order(1)
    void theListShowsTheStoresVisitorsMostRecentFirst() throws Exception {
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), List.copyOf(seeded.keySet()), "six visitors seeded");
        Visitor leonard = seeded.get(LEONARD);
        assertEquals(2, leonard.visits());
        assertEquals(2, leonard.samples().size(), "one sample per visit");
        assertNotNull(leonard.visitJpeg());
        assertArrayEquals(leonard.visitJpeg(), leonard.picture(), "this visit's view is the better one");
        assertFalse(Arrays.equals(leonard.thumbnailJpeg(), leonard.visitJpeg()), "two different pictures");

        openList();
        BufferedImage list = screen.screenshot("doorbell-store-list.png");
        // Leonard (at the door now), Howard again (2 h ago), Penny (4 h), Howard (yesterday)
        long[] order = {LEONARD, HOWARD_AGAIN, PENNY, HOWARD};
        for (int i = 0; i < order.length; i++) {
            Rectangle row = screen.bounds("row:" + order[i]);
            assertEquals(layout.content().y + i * layout.rowHeight, row.y, "row " + i + " is visitor " + order[i]);
            Rectangle face = new Rectangle(layout.px(32), row.y + layout.margin, 96, 96);
            // (Howard again is a grey close-up: fewer colours)
            assertTrue(colours(list, face) > 100, "visitor " + order[i] + "'s face in the list");
        }
    }

    @Test
    @Order(2)
    void aNameTypedOnTheKeyboardIsInTheStore() throws Exception {
        BufferedImage list = screen.screenshot("doorbell-store-list.png");
        screen.tapOn("row:" + HOWARD);
        screen.await(st -> st.card(HOWARD));
        BufferedImage card = screen.screenshot("doorbell-store-card.png");
        assertTrue(colours(card, FACE) > 5000, "Howard's face on his card");

        screen.tapOn("button:NAME");
        screen.await(st -> st.screen().equals("NAME") && st.visitor().equals("" + HOWARD));
        screen.type(List.of("H", "O", "W", "A", "R", "D"));
        screen.awaitAnswer("typed", "Howard");
        screen.screenshot("doorbell-store-keyboard.png");
        screen.tapOn("ok");
        screen.await(st -> st.card(HOWARD) && st.undo());
        assertEquals("Visitor #3 is now Howard.", screen.answer("message"));

        Visitor named = stored().get(HOWARD);
        assertEquals("Howard", named.name(), "the name is in the store");
        assertTrue(seeded.get(HOWARD).withName("Howard").sameAs(named), "nothing else changed");
        assertEquals(seeded.keySet(), stored().keySet());
        assertEquals("4 Howard", screen.answer("visitor " + HOWARD), "the screen's registry has it");

        BufferedImage shown = screen.screenshot("doorbell-store-named.png");
        assertTrue(differing(card, shown, TITLE) > 300, "the header says Howard instead of Visitor #3");
        assertEquals(0, differing(card, shown, FACE), "the same face");
        assertEquals(0, differing(card, shown, FACTS), "the same visits and times");

        backToList();
        BufferedImage listNamed = screen.screenshot("doorbell-store-list-named.png");
        Rectangle row = screen.bounds("row:" + HOWARD);
        assertTrue(differing(list, listNamed, row) > 300, "Howard's row shows his name");
        Rectangle other = screen.bounds("row:" + PENNY);
        assertEquals(0, differing(list, listNamed, new Rectangle(other.x, other.y, other.width, other.height - 2)),
                "Penny's row is as it was");
    }

    @Test
    @Order(3)
    void samePersonAsMergesTheTwoInTheStore() throws Exception {
        before = stored();
        screen.tapOn("row:" + HOWARD);
        screen.await(st -> st.card(HOWARD));
        cardBefore = screen.screenshot("doorbell-store-card-named.png");

        screen.tapOn("button:SAME_PERSON");
        screen.await(st -> st.screen().equals("SAME_PERSON") && st.visitor().equals("" + HOWARD));
        assertEquals("bounds row:3 none", screen.ask("bounds row:3"), "Howard is not offered to merge with himself");
        screen.screenshot("doorbell-store-picker.png");
        screen.tapOn("row:" + HOWARD_AGAIN);
        screen.await(st -> st.card(HOWARD) && st.undo());
        assertEquals("Visitor #6 merged into Howard: 5 visits.", screen.answer("message"));

        Map<Long, Visitor> now = stored();
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L), now.keySet(), "one visitor fewer");
        Visitor kept = before.get(HOWARD);
        Visitor gone = before.get(HOWARD_AGAIN);
        Visitor merged = now.get(HOWARD);
        assertEquals("Howard", merged.name());
        assertEquals(kept.visits() + gone.visits(), merged.visits(), "visits on different days: summed");
        assertEquals(5, merged.visits());
        assertEquals(kept.firstSeen(), merged.firstSeen(), "the earliest first seen");
        assertEquals(gone.lastSeen(), merged.lastSeen(), "the latest last seen");
        assertEquals(kept.seenFrames() + gone.seenFrames(), merged.seenFrames());
        assertEquals(kept.samples().get(0), merged.samples().get(0), "Howard's registration sample first");
        assertEquals(union(kept.samples(), gone.samples()), Set.copyOf(merged.samples()), "both galleries");
        assertArrayEquals(kept.picture(), merged.picture(), "his colour picture stays");
        assertEquals("5 Howard", screen.answer("visitor " + HOWARD));
        assertEquals("visitor 6 none", screen.ask("visitor " + HOWARD_AGAIN));

        BufferedImage shown = screen.screenshot("doorbell-store-merged.png");
        assertEquals(0, differing(cardBefore, shown, TITLE), "still Howard's card");
        assertEquals(0, differing(cardBefore, shown, FACE), "with his face");
        assertTrue(differing(cardBefore, shown, FACTS) > 100, "5 visits and a later last seen");
        assertTrue(countNear(shown, layout.cardMessage(), Theme.TEXT, 40) > 100, "the message is on the card");
    }

    @Test
    @Order(4)
    void undoBringsBothBackInTheStore() throws Exception {
        screen.tapOn("undo");
        screen.await(st -> st.card(HOWARD) && !st.undo());
        assertEquals("Undone.", screen.answer("message"));

        Map<Long, Visitor> now = stored();
        assertEquals(before.keySet(), now.keySet(), "Visitor #6 is back");
        assertTrue(before.get(HOWARD).sameAs(now.get(HOWARD)), "Howard as before the merge");
        assertTrue(before.get(HOWARD_AGAIN).sameAs(now.get(HOWARD_AGAIN)), "Visitor #6 as before the merge");
        assertEquals("4 Howard", screen.answer("visitor " + HOWARD));
        assertEquals("1 -", screen.answer("visitor " + HOWARD_AGAIN));

        BufferedImage shown = screen.screenshot("doorbell-store-undone.png");
        assertEquals(0, differing(cardBefore, shown, FACTS), "4 visits again");
        backToList();
        screen.bounds("row:" + HOWARD_AGAIN);
    }

    @Test
    @Order(5)
    void notThisPersonSplitsTheLatestVisitOffInTheStore() throws Exception {
        before = stored();
        screen.tapOn("row:" + LEONARD);
        screen.await(st -> st.card(LEONARD));
        cardBefore = screen.screenshot("doorbell-store-card-leonard.png");
        assertTrue(countNear(cardBefore, layout.cardMessage(), Theme.TEXT, 40) < 5, "no message yet");

        screen.tapOn("button:NOT_THIS_PERSON");
        screen.await(st -> st.card(LEONARD) && st.undo());

        Map<Long, Visitor> now = stored();
        Set<Long> added = new HashSet<>(now.keySet());
        added.removeAll(before.keySet());
        assertEquals(1, added.size(), "one new visitor: " + now.keySet());
        splitId = added.iterator().next();
        assertEquals("The latest visit is now Visitor #" + splitId + ".", screen.answer("message"));
        Visitor old = before.get(LEONARD);
        Visitor kept = now.get(LEONARD);
        Visitor created = now.get(splitId);
        assertEquals(1, kept.visits());
        assertEquals(1, created.visits());
        assertEquals(List.of(old.samples().get(0)), kept.samples(), "the first visit's sample stays");
        assertEquals(List.of(old.samples().get(1)), created.samples(), "the latest visit's sample moves");
        assertEquals(Set.of(splitId), kept.notSame(), "not the same person, both ways");
        assertEquals(Set.of(LEONARD), created.notSame());
        assertArrayEquals(old.thumbnailJpeg(), kept.picture(), "Leonard keeps the older picture");
        assertArrayEquals(old.visitJpeg(), created.picture(), "the new visitor has this visit's");
        assertEquals(old.firstSeen(), kept.firstSeen());
        assertEquals(old.lastSeen(), created.lastSeen());
        assertTrue(kept.lastSeen().isBefore(old.firstSeenThisInteraction()), "Leonard was last seen at his first visit");
        assertEquals("1 -", screen.answer("visitor " + LEONARD));
        assertEquals("1 -", screen.answer("visitor " + splitId));

        BufferedImage shown = screen.screenshot("doorbell-store-split.png");
        assertEquals(0, differing(cardBefore, shown, TITLE), "still Visitor #2's card");
        assertTrue(differing(cardBefore, shown, FACE) > 5000, "his older picture instead of this visit's");
        assertTrue(differing(cardBefore, shown, FACTS) > 100, "first visit, not at the door");
        assertTrue(countNear(shown, layout.cardMessage(), Theme.TEXT, 40) > 100, "the message is on the card");

        backToList();
        assertEquals(layout.content().y, screen.bounds("row:" + splitId).y, "the split-off visit is the most recent");
    }

    @Test
    @Order(6)
    void forgetAsksFirstThenRemovesTheVisitorFromTheStoreAndTheList() throws Exception {
        screen.tapOn("row:" + splitId);
        screen.await(st -> st.card(splitId));
        screen.tapOn("button:FORGET");
        screen.await(st -> st.screen().equals("FORGET") && st.visitor().equals("" + splitId));
        screen.screenshot("doorbell-store-confirm.png");
        screen.tapOn("cancel");
        screen.await(st -> st.card(splitId));
        assertTrue(stored().containsKey(splitId), "cancelled: still in the store");

        screen.tapOn("button:FORGET");
        screen.await(st -> st.screen().equals("FORGET"));
        screen.tapOn("confirm");
        screen.await(st -> st.screen().equals("LIST") && st.visitor().equals("-"));
        assertEquals("Visitor #" + splitId + " forgotten.", screen.answer("toast"));

        Map<Long, Visitor> now = stored();
        assertFalse(now.containsKey(splitId), "gone from the store");
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L, 6L), now.keySet());
        assertEquals(Set.of(), now.get(LEONARD).notSame(), "no link to a forgotten visitor");
        assertEquals("visitor " + splitId + " none", screen.ask("visitor " + splitId));
        assertEquals("bounds row:" + splitId + " none", screen.ask("bounds row:" + splitId), "gone from the list");

        BufferedImage list = screen.screenshot("doorbell-store-forgotten.png");
        assertTrue(countNear(list, layout.toast(), Theme.TEXT, 40) > 100, "the message is on screen");
        assertEquals(layout.content().y, screen.bounds("row:" + HOWARD_AGAIN).y, "the list starts with Visitor #6 again");
        System.out.println("store screen: named, merged, undone, split off #" + splitId + " and forgot it; store "
                + now.size() + " visitors");
    }

    /** From the live screen to the visitors list, at its top. */
    private static void openList() throws Exception {
        screen.tap(ScreenPixels.centre(layout.visitorsButton()));
        screen.await(st -> st.screen().equals("LIST") && st.listOffset() == 0);
    }

    /** "Back" from a card (to the live screen), then "Visitors" again. */
    private static void backToList() throws Exception {
        screen.tapOn("back");
        screen.await(st -> st.screen().equals("LIVE"));
        openList();
    }

    /** The store as another process reads it now, by id. */
    private static Map<Long, Visitor> stored() throws Exception {
        Map<Long, Visitor> byId = new LinkedHashMap<>();
        for (Visitor v : VisitorStores.readAny(file)) {
            byId.put(v.id(), v);
        }
        return byId;
    }

    private static Set<FaceSample> union(List<FaceSample> a, List<FaceSample> b) {
        Set<FaceSample> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
