package org.doorbell.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.doorbell.visitors.StoreException;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.store.VisitorStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doorbell visitors}: the known visitors in a store, most recently seen first. Reads the
 * database only (also while the appliance writes it); it never moves, imports or changes anything,
 * and accepts a store of any face model.
 */
@Command(name = "visitors", mixinStandardHelpOptions = true,
        description = "List the known visitors in the visitor store, most recently seen first; or correct them.",
        subcommands = {VisitorEditCommands.Name.class, VisitorEditCommands.Merge.class, VisitorEditCommands.Split.class,
            VisitorEditCommands.Forget.class, VisitorsAddCommand.class, VisitorsExportCommand.class})
final class VisitorsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    DoorbellCli root;

    @Option(names = "--store", paramLabel = "FILE",
            description = "Visitor store database (default: store.path from the config file).")
    Path store;

    @Option(names = "--json", description = "One JSON object per visitor and line.")
    boolean json;

    @Override
    public Integer call() {
        List<Visitor> visitors;
        try {
            visitors = new ArrayList<>(VisitorStores.readAny(storeFile()));
        } catch (StoreException e) {
            spec.commandLine().getErr().println("doorbell: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return DoorbellCli.EXIT_SOME_FAILED;
        }
        visitors.sort(VisitorRegistry.MOST_RECENT_FIRST);
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.printf("%6s  %-20s  %-24s  %-24s  %6s  %11s%n", "ID", "NAME", "FIRST SEEN", "LAST SEEN", "VISITS",
                    "SEEN FRAMES");
        }
        for (Visitor v : visitors) {
            out.println(json ? jsonLine(v) : String.format("%6d  %-20s  %-24s  %-24s  %6d  %11d", v.id(),
                    v.name() == null ? "-" : v.name(), v.firstSeen(), v.lastSeen(), v.visits(), v.seenFrames()));
        }
        out.flush();
        return 0;
    }

    private static String jsonLine(Visitor v) {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", v.id());
        line.put("first_seen", v.firstSeen().toString());
        line.put("last_seen", v.lastSeen().toString());
        line.put("visits", v.visits());
        line.put("seen_frames", v.seenFrames());
        line.put("name", v.name());
        line.put("samples", v.samples().size());
        ArrayNode notSame = line.putArray("not_same");
        v.notSame().stream().sorted().forEach(notSame::add);
        return line.toString();
    }

    Path storeFile() {
        return store != null ? store : new org.doorbell.config.ConfigLoader().load(root.config).store();
    }
}
