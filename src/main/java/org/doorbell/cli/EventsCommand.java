package org.doorbell.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.doorbell.config.ConfigLoader;
import org.doorbell.events.MqttSettings;
import org.doorbell.events.TestEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code doorbell events ...}: the MQTT events for home automation. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Visitor events over MQTT.",
        subcommands = EventsCommand.Test.class)
final class EventsCommand {
    @ParentCommand
    DoorbellCli root;

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Publish one test event on PREFIX/test with the config file's mqtt settings and say whether "
                    + "the broker took it.", "Exit status 0 if it did, 1 if not, 3 if mqtt is not enabled."})
    static final class Test implements Callable<Integer> {
        @ParentCommand
        EventsCommand events;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            MqttSettings mqtt = new ConfigLoader().load(events.root.config).mqtt();
            if (!mqtt.enabled()) {
                spec.commandLine().getErr().println("doorbell: mqtt is not enabled in " + events.root.config
                        + " (set mqtt.enabled to true and mqtt.broker)");
                return DoorbellCli.EXIT_SETUP;
            }
            TestEvent.Outcome o = TestEvent.send(mqtt, Clock.systemUTC());
            if (o.delivered()) {
                spec.commandLine().getOut().println(o.line());
                return 0;
            }
            spec.commandLine().getErr().println("doorbell: " + o.line());
            return DoorbellCli.EXIT_SOME_FAILED;
        }
    }
}
