package org.doorbell.visitors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the owner's corrections do to visitors, as pure functions: the store and the screen apply
 * them (see {@link VisitorEditor}).
 */
public final class Corrections {
    /** A merged gallery keeps at most this many samples (the identity trims it further as it sees the face). */
    public static final int MAX_MERGED_SAMPLES = 24;
    /** Longest name kept. */
    public static final int MAX_NAME = 40;

    private Corrections() {
    }

    /** The name as stored: trimmed, inner runs of white space as one space, null if blank. */
    public static String cleanName(String name) {
        if (name == null) {
            return null;
        }
        String clean = name.strip().replaceAll("\\s+", " ");
        if (clean.isEmpty()) {
            return null;
        }
        if (clean.length() > MAX_NAME || clean.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a name is at most " + MAX_NAME + " printable characters");
        }
        return clean;
    }

    /**
     * One visitor from two: the earliest first-seen time, every visit and seen frame, both
     * galleries ({@code into}'s registration sample first, then the best), {@code into}'s name
     * unless it has none, the better older picture, and the current visit of whichever was seen
     * last. A "not the same" link between the two is dropped, others are kept. When the two were
     * seen within {@code newVisitAfter} of each other (one person taken for two at the same visit),
     * that visit counts once.
     */
    public static Visitor merged(Visitor from, Visitor into, java.time.Duration newVisitAfter) {
        Visitor later = from.lastSeen().isAfter(into.lastSeen()) ? from : into;
        Visitor earlier = later == from ? into : from;
        List<FaceSample> rest = new ArrayList<>(into.samples().subList(1, into.samples().size()));
        rest.addAll(from.samples());
        rest.sort(Comparator.comparingDouble(FaceSample::quality).reversed());
        List<FaceSample> samples = new ArrayList<>();
        samples.add(into.samples().get(0));
        for (FaceSample s : rest) {
            if (samples.size() >= MAX_MERGED_SAMPLES) {
                break;
            }
            samples.add(s);
        }
        // the earlier visitor's current visit is history now
        Picture old = earlier.bestPicture();
        double oldQuality = earlier.pictureQuality();
        if (later.thumbnailQuality() > oldQuality) {
            old = later.thumbnail();
            oldQuality = later.thumbnailQuality();
        }
        Set<Long> links = new HashSet<>(into.notSame());
        links.addAll(from.notSame());
        links.remove(from.id());
        links.remove(into.id());
        int visits = from.visits() + into.visits();
        Instant visitStart = later.firstSeenThisInteraction();
        if (earlier.visits() > 0 && later.visits() > 0 && java.time.Duration.between(earlier.lastSeen(),
                later.firstSeenThisInteraction()).compareTo(newVisitAfter) <= 0) {
            visits--;
            if (earlier.firstSeenThisInteraction().isBefore(visitStart)) {
                visitStart = earlier.firstSeenThisInteraction();
            }
        }
        Instant firstSeen = from.firstSeen().isBefore(into.firstSeen()) ? from.firstSeen() : into.firstSeen();
        return new Visitor(into.id(), into.name() != null ? into.name() : from.name(), samples, old, oldQuality,
                later.visit(), later.visitQuality(), firstSeen, later.lastSeen(), visitStart,
                visits, from.seenFrames() + into.seenFrames(), links);
    }

    /**
     * The visitor's latest visit as a visitor of its own: the gallery samples of that visit and the
     * visit's picture go to a new visitor with id {@code newId}, one visit; the visitor keeps the
     * rest, one visit fewer. Each is marked as not the other. A sample belongs to the latest visit
     * if seen less than {@code newVisitAfter} before it started (a face is tracked for a moment
     * before it is known; an earlier visit ended more than {@code newVisitAfter} before). The end
     * of the earlier visit is not stored: the visitor's last sighting becomes that of its newest
     * remaining face, and the frames counted are shared out by the faces moved.
     *
     * @return the visitor after and the new one; empty if the visitor has no earlier visit with a
     *         sample of its own to keep (then there is nothing to split: forget it, or merge it)
     */
    public static Optional<Split> split(Visitor v, long newId, java.time.Duration newVisitAfter) {
        Instant start = v.firstSeenThisInteraction();
        Instant cut = start.minus(newVisitAfter);
        List<FaceSample> kept = new ArrayList<>();
        List<FaceSample> moved = new ArrayList<>();
        for (FaceSample s : v.samples()) {
            (s.seenAt().isBefore(cut) ? kept : moved).add(s);
        }
        if (v.visits() < 2 || kept.isEmpty() || moved.isEmpty()) {
            return Optional.empty();
        }
        // the registration sample stays first on the kept side; moved samples best first
        moved.sort(Comparator.comparingDouble(FaceSample::quality).reversed());
        Instant keptLast = kept.stream().map(FaceSample::seenAt).max(Comparator.naturalOrder()).orElse(v.firstSeen());
        Instant movedFirst = moved.stream().map(FaceSample::seenAt).min(Comparator.naturalOrder()).orElse(start);
        long movedFrames = Math.min(v.seenFrames() - 1, Math.max(moved.size(), 1));
        Set<Long> oldLinks = new HashSet<>(v.notSame());
        oldLinks.add(newId);
        Picture picture = v.visit() != null ? v.visit() : v.thumbnail();
        double quality = v.visit() != null ? v.visitQuality() : v.thumbnailQuality();
        Visitor after = new Visitor(v.id(), v.name(), kept, v.thumbnail(), v.thumbnailQuality(), null, 0,
                v.firstSeen(), keptLast, keptLast, v.visits() - 1, Math.max(1, v.seenFrames() - movedFrames), oldLinks);
        Visitor created = new Visitor(newId, null, moved, picture, quality, null, 0,
                movedFirst.isBefore(start) ? movedFirst : start, v.lastSeen(), start, 1, Math.max(1, movedFrames),
                Set.of(v.id()));
        return Optional.of(new Split(after, created));
    }

    /**
     * A visitor the owner enrolled from photos before they ever came: named, every photo's face in
     * the gallery (the best first), the best face as its picture, no visit yet.
     */
    public static Visitor enrolled(long id, String name, List<FaceSample> samples, byte[] picture, double quality,
                                   Instant now) {
        List<FaceSample> best = new ArrayList<>(samples);
        best.sort(Comparator.comparingDouble(FaceSample::quality).reversed());
        return new Visitor(id, cleanName(name), best, picture, quality, null, 0, now, now, now, 0, 0, Set.of());
    }

    /** The two visitors of a split. */
    public record Split(Visitor kept, Visitor created) {
    }
}
