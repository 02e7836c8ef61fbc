package org.doorbell.tracking;

import java.time.Duration;
import java.time.Instant;
import org.doorbell.face.FaceBox;

/**
 * When a followed face is worth encoding (about 15 ms per face on one core, more than anything
 * else done per face): when its follow starts; while the identity has not decided who it is, as
 * long as each view adds something (a view like the last one encoded adds nothing, but one is
 * still taken every {@link #UNDECIDED_EVERY}); and once decided, only when useful: a clearly better
 * view, a clearly different one (a turned head, or someone else in the same place), a box that
 * jumped, or every {@link #DECIDED_EVERY} to keep checking that it is still the same person.
 * Between encodings the face is followed by where it is.
 */
public final class EncodePolicy {
    public static final Duration UNDECIDED_EVERY = Duration.ofMillis(200);
    public static final Duration DECIDED_EVERY = Duration.ofMillis(500);
    /** A view this much better (view quality, 0..1) than the last one encoded is encoded. */
    public static final double BETTER_BY = 0.1;
    /** Below this similarity to the last encoded view ({@link FacePatch}) a view counts as different. */
    public static final double SAME_VIEW = 0.8;
    /** Below this overlap with its last box, a face has jumped: it may be someone else. */
    public static final double MIN_IOU = 0.5;

    /** Every face of every frame encoded, as the reference loop does. */
    public static final EncodePolicy EVERY_FRAME = new EncodePolicy(true);
    /** Encode when useful, as described above. */
    public static final EncodePolicy WHEN_USEFUL = new EncodePolicy(false);

    private final boolean always;

    private EncodePolicy(boolean always) {
        this.always = always;
    }

    /**
     * @param follow  the follow this face continues, or null for a face not followed before
     * @param box     where the face is now
     * @param quality its view quality now
     * @param patch   its {@link FacePatch} now
     * @param at      the frame's capture time
     */
    public boolean shouldEncode(Follow follow, FaceBox box, double quality, float[] patch, Instant at) {
        if (always || follow == null || follow.encodedAt() == null || follow.needsEncoding()) {
            return true;
        }
        Duration since = Duration.between(follow.encodedAt(), at);
        boolean different = differentView(follow, patch);
        if (!follow.decided()) {
            return different || since.compareTo(UNDECIDED_EVERY) >= 0;
        }
        return different
                || since.compareTo(DECIDED_EVERY) >= 0
                || quality >= follow.encodedQuality() + BETTER_BY
                || box.iou(follow.box()) < MIN_IOU;
    }

    /**
     * Whether {@code patch} is clearly not the view last encoded of {@code follow} (a turned head, or
     * someone else in the same place); false when it was never encoded.
     */
    public static boolean differentView(Follow follow, float[] patch) {
        return follow != null && follow.encodedPatch() != null
                && FacePatch.similarity(follow.encodedPatch(), patch) < SAME_VIEW;
    }
}
