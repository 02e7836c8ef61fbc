package org.doorbell.visitors;

import java.util.function.Function;
import org.doorbell.face.FaceEncoding;

/**
 * The reference demo's matching rule: a face belongs to the visitor whose registration encoding
 * is nearest. The scan of every visitor is made outside the registry's lock (which the camera's
 * thread waits on for {@link VisitorRegistry#recent()}) and the decision under it, scanned again
 * if a visitor came or went meanwhile (the last time under the lock).
 */
final class ReferenceRule {
    /** Scans outside the lock before one is made under it. */
    private static final int SCANS_OFF_LOCK = 3;

    /** The registry's lock. */
    private final Object lock;
    private final VisitorList visitors;
    /** The registration encodings of {@link #visitors} at some layout; guarded by {@link #lock}. */
    private RegistrationEncodings encodings;

    ReferenceRule(Object lock, VisitorList visitors) {
        this.lock = lock;
        this.visitors = visitors;
    }

    /** {@code decision} of the nearest registration encoding, made under the registry's lock. */
    <T> T decide(FaceEncoding encoding, Function<RegistrationEncodings.Nearest, T> decision) {
        for (int attempt = 1; ; attempt++) {
            RegistrationEncodings.Nearest n = attempt < SCANS_OFF_LOCK ? scan(encoding) : null;
            synchronized (lock) {
                if (n == null) {
                    n = scan(encoding);  // visitors keep coming and going: scanned under the lock
                }
                if (n.layout() == visitors.layout()) {
                    return decision.apply(n);
                }
            }
            // a visitor came or went during the scan: again, on the visitors as they are now
        }
    }

    /**
     * The nearest registration encoding, scanned outside the lock: under it, only the encodings
     * are taken, and only copied again after a visitor came or went.
     */
    private RegistrationEncodings.Nearest scan(FaceEncoding encoding) {
        RegistrationEncodings taken;
        synchronized (lock) {
            if (encodings == null || encodings.layout != visitors.layout()) {
                encodings = visitors.registrationEncodings();
            }
            taken = encodings;
        }
        return taken.nearest(encoding);
    }
}
