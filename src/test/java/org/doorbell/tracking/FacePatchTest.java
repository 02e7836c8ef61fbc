package org.doorbell.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FacePatchTest {
    private static final int N = FacePatch.SIDE;

    /** A smooth random picture (noise averaged over 3x3), as a face averaged down to a patch is. */
    static float[] smooth(long seed) {
        Random r = new Random(seed);
        double[] noise = new double[(N + 2) * (N + 2)];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = r.nextGaussian();
        }
        float[] p = new float[N * N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                double sum = 0;
                for (int dy = 0; dy < 3; dy++) {
                    for (int dx = 0; dx < 3; dx++) {
                        sum += noise[(y + dy) * (N + 2) + x + dx];
                    }
                }
                p[y * N + x] = (float) (120 + 20 * sum);
            }
        }
        return p;
    }

    private static float[] shifted(float[] p, int dx, int dy) {
        float[] q = new float[N * N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                int sx = Math.min(N - 1, Math.max(0, x - dx));
                int sy = Math.min(N - 1, Math.max(0, y - dy));
                q[y * N + x] = p[sy * N + sx];
            }
        }
        return q;
    }

    @Test
    void theSamePictureBrighterOrShiftedALittleIsTheSameView() {
        float[] p = smooth(1);
        assertEquals(1.0, FacePatch.similarity(p, p), 1e-9);
        float[] brighter = p.clone();
        for (int i = 0; i < brighter.length; i++) {
            brighter[i] = brighter[i] * 1.5f + 20;
        }
        assertEquals(1.0, FacePatch.similarity(p, brighter), 1e-6);
        // a box that snapped two pixels (of 16) sideways and one down
        assertTrue(FacePatch.similarity(p, shifted(p, 2, 1)) > 0.95);
    }

    @Test
    void anotherPictureIsADifferentView() {
        for (long seed = 2; seed < 12; seed++) {
            assertTrue(FacePatch.similarity(smooth(1), smooth(seed)) < EncodePolicy.SAME_VIEW, "seed " + seed);
        }
    }

    @Test
    void missingOrFlatPatchesAreNotAlike() {
        assertEquals(0, FacePatch.similarity(null, smooth(1)));
        assertEquals(0, FacePatch.similarity(new float[N * N], smooth(1)));
        assertEquals(0, FacePatch.similarity(new float[3], new float[3]));
    }
}
