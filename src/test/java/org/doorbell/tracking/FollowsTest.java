package org.doorbell.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.doorbell.face.FaceBox;
import org.junit.jupiter.api.Test;

class FollowsTest {
    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    private static final FaceBox A = new FaceBox(100, 199, 199, 100);
    private static final FaceBox A_MOVED = new FaceBox(104, 203, 203, 104);
    private static final FaceBox B = new FaceBox(100, 499, 199, 400);
    private final Follows follows = new Follows();

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    private static Follows.Seen seen(long id, FaceBox box, boolean encoded) {
        Follows.Seen seen = Follows.Seen.of(id, box).withDecided(true);
        return encoded ? seen.withEncoding(0.5, new float[FacePatch.SIDE * FacePatch.SIDE]) : seen;
    }

    @Test
    void theWholeFrameIsSearchedEveryHundredAndFiftyMilliseconds() {
        assertTrue(follows.claimFullSearch(at(0)));
        assertFalse(follows.claimFullSearch(at(33)));
        assertFalse(follows.claimFullSearch(at(133)));
        assertTrue(follows.claimFullSearch(at(150)));
        assertFalse(follows.claimFullSearch(at(166)));
    }

    @Test
    void onASlowCpuTheSearchesAreSpacedByTwiceTheirOwnMedianTime() {
        follows.adaptToCpu();
        for (int i = 0; i < 4; i++) {
            follows.searchTook(300_000_000L);
        }
        assertEquals(java.time.Duration.ofMillis(150), follows.searchInterval(), "not on four searches");
        follows.searchTook(300_000_000L);
        follows.searchTook(2_000_000_000L);  // one stall moves the median not at all
        assertEquals(java.time.Duration.ofMillis(600), follows.searchInterval());
        assertTrue(follows.claimFullSearch(at(0)));
        assertFalse(follows.claimFullSearch(at(450)));
        assertTrue(follows.claimFullSearch(at(600)));
        for (int i = 0; i < Follows.SEARCH_SAMPLES; i++) {
            follows.searchTook(30_000_000L);  // the CPU is free again
        }
        assertEquals(java.time.Duration.ofMillis(150), follows.searchInterval());
    }

    @Test
    void withoutAdaptingTheIntervalNeverMoves() {
        for (int i = 0; i < Follows.SEARCH_SAMPLES; i++) {
            follows.searchTook(500_000_000L);
        }
        assertEquals(Follows.FULL_SEARCH_EVERY, follows.searchInterval());
    }

    @Test
    void aFaceKeepsItsEncodingUntilEncodedAgainAndIsForgottenAfterASecondUnseen() {
        follows.update(at(0), List.of(seen(1, A, true)), List.of(), true);
        follows.update(at(33), List.of(seen(1, A_MOVED, false)), List.of(1L), false);
        Follow f = follows.current().get(0);
        assertEquals(A_MOVED, f.box());
        assertEquals(at(33), f.seen());
        assertEquals(at(0), f.encodedAt(), "not encoded again: the last encoding stands");
        follows.update(at(1033), List.of(), List.of(), true);
        assertEquals(1, follows.current().size(), "1 s unseen: still followed");
        follows.update(at(1034), List.of(), List.of(), true);
        assertTrue(follows.current().isEmpty(), "over 1 s unseen: gone");
    }

    @Test
    void betweenWholeFrameSearchesAFaceKeepsItsSizeUnlessItIsSomeoneElse() {
        FaceBox bigger = new FaceBox(90, 219, 219, 90);
        follows.update(at(0), List.of(seen(1, A, true)), List.of(), true);
        follows.update(at(33), List.of(seen(1, bigger, false)), List.of(1L), false);
        assertEquals(new FaceBox(105, 204, 204, 105), follows.current().get(0).box(),
                "found in a window: the follow's size, at the window's place");
        float[] patch = new float[FacePatch.SIDE * FacePatch.SIDE];
        follows.update(at(66), List.of(Follows.Seen.of(1, bigger).withSized(true).withEncoding(0.5, patch)), List.of(1L),
                false);
        assertEquals(bigger, follows.current().get(0).box(), "someone else there: the size the detector gave");
    }

    @Test
    void anEncodingUnderWayOnAnotherThreadCountsAsTheLastOne() {
        follows.update(at(0), List.of(seen(1, A, true)), List.of(), true);
        Follow f = follows.current().get(0);
        float[] patch = new float[FacePatch.SIDE * FacePatch.SIDE];
        patch[0] = 1;
        follows.encoding(1, at(200), 0.7, patch);
        Follow seen = follows.withPending(f);
        assertEquals(at(200), seen.encodedAt(), "frame 200 is being encoded: the frame after sees it");
        assertEquals(0.7, seen.encodedQuality());
        assertEquals(patch, seen.encodedPatch());
        follows.update(at(200), List.of(seen(1, A_MOVED, true)), List.of(1L), false);
        Follow applied = follows.current().get(0);
        assertEquals(applied, follows.withPending(applied), "applied: nothing pending");
    }

    @Test
    void aFaceLookedForAndNotFoundIsLeftToTheWholeFrameSearch() {
        follows.update(at(0), List.of(seen(1, A, true)), List.of(), true);
        follows.update(at(33), List.of(), List.of(1L), false);
        assertTrue(follows.current().get(0).missed());
        // the next whole-frame search finds it again, where it is now
        follows.found(at(150), List.of(A_MOVED));
        Follow f = follows.current().get(0);
        assertEquals(1, f.id());
        assertFalse(f.missed());
        assertEquals(A_MOVED, f.box());
    }

    @Test
    void aWholeFrameSearchStartsFollowsForNewFacesOnly() {
        follows.update(at(0), List.of(seen(1, A, true)), List.of(), true);
        follows.found(at(10), List.of(A_MOVED, B));
        assertEquals(2, follows.current().size());
        Follow a = follows.current().get(0);
        assertEquals(A, a.box(), "a follow not missed keeps the box its own frames gave it");
        Follow b = follows.current().get(1);
        assertEquals(B, b.box());
        assertNull(b.encodedAt(), "a new face is not encoded yet");
    }

    @Test
    void oneFaceUnderTwoNumbersKeepsTheNumberFoundThisFrame() {
        follows.update(at(0), List.of(seen(1, A, true), seen(2, A_MOVED, true)), List.of(), true);
        follows.update(at(33), List.of(seen(2, A_MOVED, false)), List.of(1L, 2L), false);
        assertEquals(List.of(2L), follows.current().stream().map(Follow::id).toList());
    }
}
