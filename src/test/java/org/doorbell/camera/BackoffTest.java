package org.doorbell.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCeilingAndStartsOverAfterReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));
        assertEquals(Duration.ofMillis(500), backoff.next());
        assertEquals(Duration.ofMillis(1000), backoff.next());
        assertEquals(Duration.ofMillis(2000), backoff.next());
        assertEquals(Duration.ofMillis(3000), backoff.next());
        assertEquals(Duration.ofMillis(3000), backoff.next());
        backoff.reset();
        assertEquals(Duration.ofMillis(500), backoff.next());
    }

    @Test
    void aCeilingBelowTheFirstWaitIsTheFirstWait() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertEquals(Duration.ofSeconds(2), backoff.next());
        assertEquals(Duration.ofSeconds(2), backoff.next());
    }
}
