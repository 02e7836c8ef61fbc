package org.doorbell.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import org.doorbell.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The publisher's queue: bounded, oldest events dropped first, counted; retained states coalesced. */
class OutboxTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    private final Outbox outbox = new Outbox(3, Duration.ofMinutes(5), clock);

    private static Message event(int n) {
        return new Message("doorbell/visitor/arrived", new byte[] {(byte) n}, false);
    }

    private Message takeAndSend() throws InterruptedException {
        Message m = outbox.take(0);
        if (m != null) {
            outbox.sent(m);
        }
        return m;
    }

    @Test
    void pastTheCapacityTheOldestEventsAreDroppedAndCounted() throws Exception {
        for (int i = 1; i <= 5; i++) {
            outbox.offer(event(i));
        }
        assertEquals(3, outbox.waiting());
        assertEquals(2, outbox.dropped());
        assertEquals(3, takeAndSend().payload()[0]);
        assertEquals(4, takeAndSend().payload()[0]);
        assertEquals(5, takeAndSend().payload()[0]);
        assertNull(outbox.take(10));
    }

    @Test
    void eventsOlderThanTheLimitAreDropped() throws Exception {
        outbox.offer(event(1));
        clock.advance(Duration.ofMinutes(4));
        outbox.offer(event(2));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(2, takeAndSend().payload()[0]);
        assertEquals(1, outbox.dropped());
    }

    @Test
    void aFailedPublicationStaysFirst() throws Exception {
        outbox.offer(event(1));
        outbox.offer(event(2));
        Message first = outbox.take(0);
        // not sent: the connection went away; after the reconnect it is the first again
        assertSame(first, outbox.take(0));
        outbox.sent(first);
        assertEquals(2, takeAndSend().payload()[0]);
    }

    @Test
    void retainedStatesKeepOnlyTheLatestAndGoAgainAfterAReconnect() throws Exception {
        Message old = new Message("doorbell/state", new byte[] {1}, true);
        Message latest = new Message("doorbell/state", new byte[] {2}, true);
        outbox.offer(old);
        outbox.offer(event(7));
        outbox.offer(latest);
        clock.advance(Duration.ofHours(1));  // the event expires, the state does not
        assertSame(latest, takeAndSend());
        assertNull(outbox.take(0));
        assertEquals(1, outbox.dropped());
        outbox.resendRetained();
        assertSame(latest, takeAndSend());
    }
}
