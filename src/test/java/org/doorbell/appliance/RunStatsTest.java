package org.doorbell.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The run's totals behind {@code run --exit-at-end}'s summary. */
class RunStatsTest {
    @Test
    void totalsAndLatencyPercentilesOverTheWholeRun() {
        RunStats stats = new RunStats();
        stats.started();
        for (int i = 0; i < 25; i++) {
            stats.frameArrived();
        }
        // latencies of 1, 2, ... 20 ms
        for (int ms = 1; ms <= 20; ms++) {
            stats.recognised(System.nanoTime() - ms * 1_000_000L);
        }
        stats.newVisitor();
        stats.stopped();
        RunSummary s = stats.summary(3);
        assertEquals(25, s.frames());
        assertEquals(20, s.analysed());
        assertEquals(3, s.visitorsKnown());
        assertEquals(1, s.visitorsNew());
        assertEquals(10, s.latencyMedianMs(), 1);
        assertEquals(18, s.latencyP90Ms(), 1);
        assertTrue(s.line().startsWith("frames 25, analysed 20 ("), s.line());
        assertTrue(s.line().endsWith("; visitors 3 known, 1 new; latency median " + s.latencyMedianMs() + " ms, p90 "
                + s.latencyP90Ms() + " ms"), s.line());
    }

    @Test
    void theStatsLineEndsWithTheDetailsAdded() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RunStats.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        logger.addAppender(log);
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            RunStats stats = new RunStats();
            stats.addDetail(() -> "MQTT not connected, sent 3, waiting 2, dropped 1");
            stats.addDetail(() -> "");
            stats.maybeLog(0, 0);
            assertEquals(1, log.list.size());
            String line = log.list.get(0).getFormattedMessage();
            assertTrue(line.startsWith("camera ") && line.endsWith(" MB, MQTT not connected, sent 3, waiting 2, dropped 1"),
                    line);
        } finally {
            logger.detachAppender(log);
            logger.setLevel(null);
        }
    }

    @Test
    void nothingAnalysedHasNoLatency() {
        RunStats stats = new RunStats();
        stats.started();
        stats.stopped();
        RunSummary s = stats.summary(0);
        assertEquals(-1, s.latencyMedianMs());
        assertTrue(s.line().endsWith("visitors 0 known, 0 new; latency -"), s.line());
    }

    @Test
    void latenciesBeyondTenSecondsCountInTheLastBin() {
        RunStats stats = new RunStats();
        stats.recognised(System.nanoTime() - 60_000_000_000L);
        assertEquals(RunStats.LATENCY_BINS_MS, stats.summary(0).latencyMedianMs());
    }
}
