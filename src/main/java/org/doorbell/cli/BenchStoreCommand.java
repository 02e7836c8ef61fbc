package org.doorbell.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.doorbell.bench.StoreBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code doorbell bench store}: the appliance with a large store, without a camera. Fills a
 * temporary store with synthetic visitors and prints the nearest-visitor search's median and 99th
 * percentile, the start-up time and the heap in use (see {@link StoreBench}).
 */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = {"A temporary store of N synthetic visitors: nearest-visitor search p50/p99, start-up time,"
                + " heap in use. With --json one object: {\"visitors\", \"search_p50_ms\", \"search_p99_ms\","
                + " \"startup_ms\", \"heap_mb\"}."})
final class BenchStoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--visitors", required = true, paramLabel = "N", description = "Visitors in the store.")
    int visitors;

    @Option(names = "--probes", defaultValue = "1000", description = "Timed searches (default: ${DEFAULT-VALUE}).")
    int probes;

    @Option(names = "--seed", defaultValue = "2026", description = "Seed of the visitors (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "One JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (visitors < 1) {
            throw new ParameterException(spec.commandLine(), "--visitors must be at least 1");
        }
        if (probes < 1) {
            throw new ParameterException(spec.commandLine(), "--probes must be at least 1");
        }
        StoreBench.Result r = StoreBench.run(visitors, probes, seed);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("visitors", r.visitors());
            o.put("search_p50_ms", BenchCommand.round(r.searchP50Ms(), 4));
            o.put("search_p99_ms", BenchCommand.round(r.searchP99Ms(), 4));
            o.put("startup_ms", BenchCommand.round(r.startupMs(), 1));
            o.put("heap_mb", BenchCommand.round(r.heapMb(), 1));
            out.println(o);
        } else {
            out.printf("visitors %d (thumbnails of %d bytes), %d searches, store filled in %.1f s%n", r.visitors(),
                    r.pictureBytes(), probes, r.fillMs() / 1000);
            out.printf("%-26s %10s%n", "", "value");
            out.printf("%-26s %10.3f%n", "search p50 (ms)", r.searchP50Ms());
            out.printf("%-26s %10.3f%n", "search p99 (ms)", r.searchP99Ms());
            out.printf("%-26s %10.0f%n", "start-up (ms)", r.startupMs());
            out.printf("%-26s %10.0f%n", "  of it reading the store", r.loadMs());
            out.printf("%-26s %10.0f%n", "heap in use (MB)", r.heapMb());
        }
        out.flush();
        return 0;
    }
}
