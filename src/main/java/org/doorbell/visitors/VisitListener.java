package org.doorbell.visitors;

import java.time.Instant;

/**
 * Told by {@link VisitorRegistry} when a visit starts and when a visitor in a visit is seen again
 * (the home-automation events of {@code org.doorbell.events}). Called on the recogniser's thread
 * under the registry's lock: an implementation must return at once (hand the work to a thread of
 * its own) and must not call back into the registry.
 */
public interface VisitListener {
    /**
     * A visit started at the run's time {@code at}: a new visitor registered ({@code newVisitor}),
     * or a known one seen after more than {@link VisitorSettings#newVisitAfter()} unseen.
     */
    void visitStarted(Visitor visitor, boolean newVisitor, Instant at);

    /** A visitor was seen at the run's time {@code at} in a visit that had already started. */
    void seen(Visitor visitor, Instant at);
}
