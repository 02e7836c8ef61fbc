package org.doorbell.config;

import java.nio.file.Path;
import java.util.List;

/** A configuration file is unreadable or holds bad values; one line per problem. */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(Path file, List<String> problems) {
        super(file + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
