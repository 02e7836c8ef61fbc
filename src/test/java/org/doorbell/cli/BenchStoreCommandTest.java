package org.doorbell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code doorbell bench store --json} prints one object with the five figures (speed is not asserted). */
class BenchStoreCommandTest {
    @Test
    void printsOneObjectWithTheFiveFigures() throws Exception {
        CliRunner.Result r = CliRunner.run("bench", "store", "--visitors", "500", "--probes", "200", "--json");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), r.out());
        JsonNode o = new ObjectMapper().readTree(lines.get(0));
        assertEquals(Set.of("visitors", "search_p50_ms", "search_p99_ms", "startup_ms", "heap_mb"),
                Set.copyOf(iterable(o.fieldNames())));
        assertEquals(500, o.get("visitors").asInt());
        double p50 = o.get("search_p50_ms").asDouble();
        double p99 = o.get("search_p99_ms").asDouble();
        assertTrue(p50 > 0 && p50 <= p99, r.out());
        assertTrue(o.get("startup_ms").asDouble() > 0, r.out());
        double heap = o.get("heap_mb").asDouble();
        assertTrue(heap > 0 && heap < Runtime.getRuntime().maxMemory() / 1e6, r.out());
    }

    @Test
    void refusesFewerThanOneVisitor() {
        CliRunner.Result r = CliRunner.run("bench", "store", "--visitors", "0");
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains("--visitors must be at least 1"), r.err());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
