package org.doorbell.visitors;

import java.time.Duration;
import java.util.Locale;

/**
 * How faces become visitors and visits.
 *
 * @param tolerance     the reference rule's match threshold: a face matches a visitor if their
 *                      distance is below this (0.65); used only with {@link Matching#REFERENCE}
 * @param newVisitAfter unseen this long, a returning visitor starts a new visit (5 min)
 * @param recentWindow  visitors seen this recently are "recent" (10 s)
 * @param matching      how faces are matched to visitors
 * @param forgetAfter   visitors the owner has not named, unseen this long, are forgotten (90 days;
 *                      zero: never)
 * @param maxVisitors   past this many visitors, the least recently seen unnamed ones are forgotten
 *                      (10,000; zero: no limit)
 */
public record VisitorSettings(double tolerance, Duration newVisitAfter, Duration recentWindow, Matching matching,
                              Duration forgetAfter, int maxVisitors) {
    public static final VisitorSettings DEFAULTS = new VisitorSettings(0.65, Duration.ofMinutes(5),
            Duration.ofSeconds(10), Matching.GALLERY, Duration.ofDays(90), 10_000);

    /** How faces are matched to visitors. */
    public enum Matching {
        /**
         * Per tracked face, from all of its good frames, against every visitor's gallery of
         * encodings, with a calibrated threshold and a nearest/second-nearest test
         * ({@code org.doorbell.identity.GalleryIdentity}).
         */
        GALLERY,
        /** The reference demo: each face, frame by frame, to the nearest first encoding closer than the tolerance. */
        REFERENCE;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The default matching with the reference rule's numbers. */
    public VisitorSettings(double tolerance, Duration newVisitAfter, Duration recentWindow) {
        this(tolerance, newVisitAfter, recentWindow, Matching.GALLERY, DEFAULTS_FORGET_AFTER, DEFAULTS_MAX_VISITORS);
    }

    private static final Duration DEFAULTS_FORGET_AFTER = Duration.ofDays(90);
    private static final int DEFAULTS_MAX_VISITORS = 10_000;

    public VisitorSettings withMatching(Matching m) {
        return new VisitorSettings(tolerance, newVisitAfter, recentWindow, m, forgetAfter, maxVisitors);
    }

    public VisitorSettings withRetention(Duration newForgetAfter, int newMaxVisitors) {
        return new VisitorSettings(tolerance, newVisitAfter, recentWindow, matching, newForgetAfter, newMaxVisitors);
    }
}
