package org.doorbell.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.doorbell.visitors.Sighting;
import org.doorbell.visitors.VisitorRegistry;

/**
 * The reference demo's rule, kept to compare against: every face of every frame goes to the
 * nearest visitor's first encoding if closer than the tolerance, else registers a new visitor.
 * No tracking, no galleries; each face is a track of its own, decided at once.
 */
public final class ReferenceIdentity implements Identity {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReferenceIdentity.class);
    private final VisitorRegistry registry;
    private final Consumer<TrackOutcome> outcomes;
    private long nextTrack = 1;

    public ReferenceIdentity(VisitorRegistry registry, Consumer<TrackOutcome> outcomes) {
        this.registry = registry;
        this.outcomes = outcomes;
    }

    @Override
    public List<FaceDecision> observe(Instant capturedAt, List<Observation> faces) {
        List<FaceDecision> out = new ArrayList<>(faces.size());
        for (Observation o : faces) {
            Sighting s = registry.observe(o.encoding(), o.thumbnail());
            if (s.isNew()) {
                log.info("new visitor #{}", s.visitor().id());
            }
            long track = nextTrack++;
            outcomes.accept(new TrackOutcome(track, s.visitor().id(), s.isNew(), s.distance()));
            out.add(new FaceDecision(o.box(), s.isNew() ? FaceDecision.State.NEW : FaceDecision.State.KNOWN,
                    s.visitor(), track));
        }
        return out;
    }

    @Override
    public void endTracks() {
        // nothing is pending
    }
}
