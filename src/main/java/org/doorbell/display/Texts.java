package org.doorbell.display;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The words the screens show for times and durations, in the clock's time zone. */
final class Texts {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter THIS_YEAR = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private Texts() {
    }

    /** "Today, 19:20", "Yesterday, 08:12", "Mon 23 Nov, 14:05" or "23 Nov 2025, 14:05". */
    static String when(Instant instant, Clock clock) {
        ZonedDateTime t = instant.atZone(clock.getZone());
        LocalDate today = LocalDate.now(clock);
        LocalDate day = t.toLocalDate();
        if (day.equals(today)) {
            return "Today, " + TIME.format(t);
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday, " + TIME.format(t);
        }
        return (day.getYear() == today.getYear() ? THIS_YEAR : OTHER_YEAR).format(t);
    }

    /** "At door 12s now", "At door 3m 05s now", or "Not at the door" for zero. */
    static String atDoor(Duration atDoor) {
        if (atDoor == null || atDoor.isZero() || atDoor.isNegative()) {
            return "Not at the door";
        }
        long s = atDoor.toSeconds();
        String d = s < 60 ? s + "s" : String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        return "At door " + d + " now";
    }
}
