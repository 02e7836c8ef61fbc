package org.doorbell.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverlapMatchingTest {
    @Test
    void theMostOverlappingPairsAreMatchedFirstAndEachSideOnce() {
        OverlapMatching<String> m = new OverlapMatching<>();
        m.offer(0, "a", 0.5);
        m.offer(1, "a", 0.9);
        m.offer(0, "b", 0.4);
        m.offer(2, "b", 0.35);
        List<String> of = m.match(4);
        assertEquals("b", of.get(0), "face 0 loses a to face 1, which overlaps it more, and takes b");
        assertEquals("a", of.get(1));
        assertNull(of.get(2), "b is taken by face 0, which overlaps it more");
        assertNull(of.get(3), "a face offered nothing is matched to nothing");
    }

    @Test
    void tiesGoToThePairOfferedFirst() {
        OverlapMatching<String> m = new OverlapMatching<>();
        m.offer(1, "a", 0.6);
        m.offer(0, "a", 0.6);
        List<String> of = m.match(2);
        assertEquals("a", of.get(1));
        assertNull(of.get(0));
    }
}
