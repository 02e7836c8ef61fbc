package org.doorbell.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One-to-one matching of faces to earlier faces (follows, tracks) by how much their boxes overlap,
 * greedily: the most overlapping pair first, each side used once. Pairs are offered in the caller's
 * order, which breaks ties. Not thread-safe; one per matching.
 *
 * @param <T> what a face is matched to
 */
public final class OverlapMatching<T> {
    /**
     * Two boxes that overlap at least this much (intersection over union) in consecutive frames
     * may be one face: a face found again continues what is there.
     */
    public static final double SAME_PLACE = 0.3;

    private record Pair<T>(int face, T to, double overlap) {
    }

    private final List<Pair<T>> pairs = new ArrayList<>();

    /** Offers face {@code face} (an index) for {@code to}, overlapping it {@code overlap}. */
    public void offer(int face, T to, double overlap) {
        pairs.add(new Pair<>(face, to, overlap));
    }

    /**
     * What each of {@code faces} faces is matched to (null where nothing), the most overlapping
     * offered pairs first. Once per matching.
     */
    public List<T> match(int faces) {
        pairs.sort(Comparator.comparingDouble((Pair<T> p) -> p.overlap()).reversed());
        List<T> of = new ArrayList<>(java.util.Collections.nCopies(faces, null));
        Set<T> taken = new HashSet<>();
        for (Pair<T> p : pairs) {
            if (of.get(p.face()) == null && taken.add(p.to())) {
                of.set(p.face(), p.to());
            }
        }
        return of;
    }
}
