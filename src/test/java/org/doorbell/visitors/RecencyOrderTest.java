package org.doorbell.visitors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.doorbell.testing.TestVisitors;
import org.junit.jupiter.api.Test;

/** The visitors list's order, sorted by keys, is the comparator's: most recent first, then higher id. */
class RecencyOrderTest {
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void ordersAsTheComparatorWithTiesAndOddInstants() {
        Random random = new Random(5);
        List<Visitor> byId = new ArrayList<>();
        for (long id = 1; id <= 3000; id++) {
            // many visitors seen at the same millisecond, some years apart
            Instant seen = T.minusMillis(random.nextInt(50) * (random.nextBoolean() ? 1L : 86_400_000L * 365));
            byId.add(visitor(id, seen));
        }
        assertEquals(sorted(byId), RecencyOrder.mostRecentFirst(byId));

        // instants finer than a millisecond, and far apart: the comparator's own order still
        List<Visitor> fine = new ArrayList<>(byId);
        fine.set(10, visitor(11, T.plusNanos(500)));
        assertEquals(sorted(fine), RecencyOrder.mostRecentFirst(fine));
        List<Visitor> far = new ArrayList<>(byId);
        far.set(20, visitor(21, Instant.parse("1900-01-01T00:00:00Z")));
        far.set(30, visitor(31, Instant.parse("2200-01-01T00:00:00Z")));
        assertEquals(sorted(far), RecencyOrder.mostRecentFirst(far));
        assertEquals(List.of(), RecencyOrder.mostRecentFirst(List.of()));
    }

    private static List<Visitor> sorted(List<Visitor> visitors) {
        List<Visitor> out = new ArrayList<>(visitors);
        out.sort(VisitorRegistry.MOST_RECENT_FIRST);
        return out;
    }

    private static Visitor visitor(long id, Instant lastSeen) {
        return new Visitor(id, TestVisitors.randomFace(new Random(id)), new byte[] {1}, lastSeen.minusSeconds(60),
                lastSeen, lastSeen, 1, 1);
    }
}
