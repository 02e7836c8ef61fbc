package org.doorbell.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.doorbell.visitors.VisitorEditor;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code doorbell visitors name|merge|split|forget}: the owner's corrections from the command line,
 * e.g. over SSH while the appliance runs. Each is one transaction in the store; the running
 * appliance shows it within a second and never overwrites it. Prints one line: what was done, or
 * why not (exit status 1).
 */
final class VisitorEditCommands {
    private VisitorEditCommands() {
    }

    /** What the edit commands share: the store option and running one edit. */
    abstract static class EditCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        VisitorsCommand parent;

        @Option(names = "--store", paramLabel = "FILE",
                description = "Visitor store database (default: store.path from the config file).")
        Path store;

        abstract VisitorEditor.Outcome edit(VisitorEditor editor) throws IOException;

        @Override
        public Integer call() {
            Path file = store != null ? store : parent.storeFile();
            try (VisitorStore visitors = VisitorStores.openExisting(file, null)) {
                VisitorEditor.Outcome outcome = edit(VisitorEditor.of(visitors, Clock.systemUTC()));
                PrintWriter out = outcome.done() ? spec.commandLine().getOut() : spec.commandLine().getErr();
                out.println(outcome.done() ? outcome.message() : "doorbell: " + outcome.message());
                out.flush();
                return outcome.done() ? 0 : DoorbellCli.EXIT_SOME_FAILED;
            } catch (IOException e) {
                spec.commandLine().getErr().println("doorbell: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return DoorbellCli.EXIT_SETUP;
            }
        }
    }

    @Command(name = "name", mixinStandardHelpOptions = true,
            description = "Give a visitor a name (\"\" removes it): shown on the screen instead of Visitor #ID.")
    static final class Name extends EditCommand {
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Override
        VisitorEditor.Outcome edit(VisitorEditor editor) throws IOException {
            return editor.rename(id, name);
        }
    }

    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = "Merge visitor ID into INTO_ID (the same person): one visitor with both galleries, every"
                    + " visit and the earliest first-seen time.")
    static final class Merge extends EditCommand {
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Parameters(index = "1", paramLabel = "INTO_ID")
        long into;

        @Override
        VisitorEditor.Outcome edit(VisitorEditor editor) throws IOException {
            return editor.merge(id, into);
        }
    }

    @Command(name = "split", mixinStandardHelpOptions = true,
            description = "Move the visitor's latest visit off into a new visitor (that was not this person);"
                    + " the two are never taken for each other again.")
    static final class Split extends EditCommand {
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Override
        VisitorEditor.Outcome edit(VisitorEditor editor) throws IOException {
            return editor.split(id);
        }
    }

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = "Remove a visitor and every encoding and picture of them from the store file itself.")
    static final class Forget extends EditCommand {
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Override
        VisitorEditor.Outcome edit(VisitorEditor editor) throws IOException {
            return editor.forget(id);
        }
    }
}
