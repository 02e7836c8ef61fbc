package org.doorbell.tracking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.doorbell.face.FaceBox;
import org.junit.jupiter.api.Test;

class EncodePolicyTest {
    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    private static final FaceBox BOX = new FaceBox(100, 199, 199, 100);
    private static final float[] PATCH = patch(1);
    private final EncodePolicy policy = EncodePolicy.WHEN_USEFUL;

    private static float[] patch(long seed) {
        return FacePatchTest.smooth(seed);
    }

    private static Follow follow(boolean decided, Instant encodedAt, double quality) {
        return new Follow(1, BOX, encodedAt, encodedAt, quality, PATCH, decided, false, false);
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void aNewFaceOrOneNeverEncodedIsEncoded() {
        assertTrue(policy.shouldEncode(null, BOX, 0.5, PATCH, T0));
        assertTrue(policy.shouldEncode(Follow.found(1, BOX, T0), BOX, 0.5, PATCH, at(10)));
        Follow needs = new Follow(1, BOX, T0, T0, 0.5, PATCH, true, true, false);
        assertTrue(policy.shouldEncode(needs, BOX, 0.5, PATCH, at(10)));
    }

    @Test
    void whileUndecidedTheSameViewIsEncodedEveryFifthOfASecond() {
        Follow f = follow(false, T0, 0.5);
        assertFalse(policy.shouldEncode(f, BOX, 0.5, PATCH, at(33)));
        assertFalse(policy.shouldEncode(f, BOX, 0.5, PATCH, at(166)));
        assertTrue(policy.shouldEncode(f, BOX, 0.5, PATCH, at(200)));
        // a different view at once
        assertTrue(policy.shouldEncode(f, BOX, 0.5, patch(2), at(33)));
    }

    @Test
    void onceDecidedOnlyWhenUseful() {
        Follow f = follow(true, T0, 0.5);
        assertFalse(policy.shouldEncode(f, BOX, 0.5, PATCH, at(100)));
        assertFalse(policy.shouldEncode(f, BOX, 0.55, PATCH, at(400)));
        assertTrue(policy.shouldEncode(f, BOX, 0.5, PATCH, at(500)), "every half second");
        assertTrue(policy.shouldEncode(f, BOX, 0.61, PATCH, at(100)), "a clearly better view");
        assertTrue(policy.shouldEncode(f, BOX, 0.5, patch(2), at(100)), "a clearly different view");
        FaceBox jumped = new FaceBox(100, 259, 199, 160);
        assertTrue(policy.shouldEncode(f, jumped, 0.5, PATCH, at(100)), "a box that jumped");
    }

    @Test
    void everyFrameEncodesEveryFace() {
        assertTrue(EncodePolicy.EVERY_FRAME.shouldEncode(follow(true, T0, 0.9), BOX, 0.1, PATCH, at(1)));
    }
}
