package org.doorbell.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The visitors list over a large store: it opens and scrolls making only the cards of the rows in
 * sight, and taps, row bounds and the merge picker's list of the others work as on a short list.
 * Drawn into an image, as the screen draws it.
 */
class VisitorListViewTest {
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
    private static final Layout LAYOUT = new Layout(1024, 600);
    private static final int N = 100_000;

    @Test
    void aLongListMakesOnlyTheCardsInSight() {
        AtomicInteger made = new AtomicInteger();
        List<Long> ids = LongStream.rangeClosed(1, N).boxed().toList();
        VisitorRows rows = VisitorRows.of(ids, Long::longValue, id -> {
            made.incrementAndGet();
            return card(id);
        });
        VisitorListView view = new VisitorListView(new Thumbnails(), CLOCK);
        view.open(rows);
        paint(view);
        int inSight = LAYOUT.content().height / LAYOUT.rowHeight + 2;
        assertEquals(N, view.size());
        assertTrue(made.get() > 0 && made.get() <= inSight, "cards made on opening: " + made.get());

        // the first row is under the finger; the last is out of sight
        Rectangle content = LAYOUT.content();
        assertEquals(Optional.of(1L), view.rowAt(LAYOUT, new Point(content.x + 10, content.y + 5)).map(VisitorCard::id));
        assertTrue(view.rowBounds(LAYOUT, 1).isPresent());
        assertTrue(view.rowBounds(LAYOUT, N).isEmpty());

        // scrolled to the end, as far as the list goes
        view.scrollBy(LAYOUT, Integer.MAX_VALUE / 2);
        assertEquals(N * LAYOUT.rowHeight - content.height, view.offset());
        paint(view);
        assertTrue(made.get() <= 2 * inSight, "cards made after scrolling to the end: " + made.get());
        assertEquals(Optional.of((long) N),
                view.rowAt(LAYOUT, new Point(content.x + 10, content.y + content.height - 5)).map(VisitorCard::id));
        Rectangle last = view.rowBounds(LAYOUT, N).orElseThrow();
        assertEquals(content.y + content.height, last.y + last.height);
        assertTrue(view.rowBounds(LAYOUT, 1).isEmpty());

        // reopened with fresh rows (after a correction): scrolled as far as before
        view.reopen(LAYOUT, VisitorRows.of(ids, Long::longValue, VisitorListViewTest::card));
        assertEquals(N * LAYOUT.rowHeight - content.height, view.offset());
    }

    @Test
    void thePickerListsTheOthersInTheSameOrder() {
        List<VisitorCard> cards = LongStream.of(9, 4, 7, 1).mapToObj(VisitorListViewTest::card).toList();
        VisitorRows others = VisitorRows.of(cards).without(7);
        assertEquals(List.of(9L, 4L, 1L), others.stream().map(VisitorCard::id).toList());
        assertEquals(1L, others.idAt(2));
        assertEquals(-1, others.rowOf(7));
        assertEquals(cards, VisitorRows.of(cards).without(5));
        assertEquals(List.of(), VisitorRows.of(List.of(card(3))).without(3));
    }

    private static VisitorCard card(long id) {
        return new VisitorCard(id, id % 2 == 0 ? "Person " + id : null, new byte[0], T.minusSeconds(id * 60),
                T.minusSeconds(id), (int) (id % 7) + 1, Duration.ZERO);
    }

    private static void paint(VisitorListView view) {
        BufferedImage image = new BufferedImage(LAYOUT.width, LAYOUT.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            view.paint(g, LAYOUT);
        } finally {
            g.dispose();
        }
    }
}
