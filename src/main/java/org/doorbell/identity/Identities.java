package org.doorbell.identity;

import java.util.function.Consumer;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;

/** The identity that the settings ask for. */
public final class Identities {
    private Identities() {
    }

    public static Identity of(VisitorSettings.Matching matching, VisitorRegistry registry, Consumer<TrackOutcome> outcomes) {
        return switch (matching) {
            case GALLERY -> new GalleryIdentity(registry, outcomes);
            case REFERENCE -> new ReferenceIdentity(registry, outcomes);
        };
    }
}
