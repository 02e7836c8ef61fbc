package org.doorbell.visitors;

import java.time.Duration;

/**
 * The reference behaviour's numbers.
 *
 * @param tolerance        a face matches a visitor if their distance is below this (0.65)
 * @param newVisitAfter    unseen this long, a returning visitor starts a new visit (5 min)
 * @param recentWindow     visitors seen this recently are "recent" (10 s)
 */
public record VisitorSettings(double tolerance, Duration newVisitAfter, Duration recentWindow) {
    public static final VisitorSettings DEFAULTS = new VisitorSettings(0.65, Duration.ofMinutes(5), Duration.ofSeconds(10));
}
