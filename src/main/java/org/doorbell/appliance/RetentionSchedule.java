package org.doorbell.appliance;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.doorbell.visitors.Retention;
import org.doorbell.visitors.VisitorEditor;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link Retention} rules at start and then once a day of the run's time: each
 * forgetting is one transaction in the store (deleted from the file itself) and one log line with
 * its counts.
 */
final class RetentionSchedule {
    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);
    static final Duration EVERY = Duration.ofDays(1);

    private final VisitorRegistry registry;
    private final VisitorEditor editor;
    private final VisitorSettings settings;
    private final Clock clock;
    private java.time.Instant next;

    /** @param clock the run's time (it only moves forward) */
    RetentionSchedule(VisitorRegistry registry, VisitorEditor editor, VisitorSettings settings, Clock clock) {
        this.registry = registry;
        this.editor = editor;
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs the rules if they are due (the first call always is). */
    void maybeRun() {
        java.time.Instant now = clock.instant();
        if (next != null && now.isBefore(next)) {
            return;
        }
        next = now.plus(EVERY);
        runNow();
    }

    /** Runs the rules now; returns how many visitors were forgotten. */
    int runNow() {
        Retention.Choice choice = Retention.choose(registry.all(), clock.instant(), settings);
        if (choice.isEmpty()) {
            return 0;
        }
        try {
            int forgotten = editor.forgetAll(choice.all());
            log.info("forgot {} visitors: {} unnamed and not seen for {} days, {} unnamed past the limit of {}; {} left",
                    forgotten, choice.stale().size(), settings.forgetAfter().toDays(), choice.overLimit().size(),
                    settings.maxVisitors(), registry.size());
            return forgotten;
        } catch (IOException e) {
            log.error("could not forget {} visitors: {}", choice.all().size(), e.getMessage());
            return 0;
        }
    }
}
