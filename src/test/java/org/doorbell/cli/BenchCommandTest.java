package org.doorbell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doorbell bench faces} prints Java and C++ figures for every stage (speed is not asserted). */
class BenchCommandTest {
    @Test
    void printsEveryStageForJavaAndCpp(@TempDir Path tmp) throws Exception {
        CliRunner.Result r = CliRunner.run("bench", "faces", "--config", CliRunner.config(tmp).toString(), "--runs", "2",
                TestFaces.file("groups/bbt1.jpg").toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(6, lines.size(), r.out());
        assertTrue(lines.get(0).contains("1366x768"), r.out());
        for (String stage : List.of("detection, full size", "detection, 1/4 size", "landmarks, per face", "descriptor, per face")) {
            String row = lines.stream().filter(l -> l.startsWith(stage)).findFirst().orElseThrow();
            String[] cols = row.substring(stage.length()).trim().split("\\s+");
            assertEquals(5, cols.length, row);
            for (String c : cols) {
                assertTrue(Double.parseDouble(c) > 0, row);
            }
        }
    }
}
