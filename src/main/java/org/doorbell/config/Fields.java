package org.doorbell.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads one section of the configuration file, collecting one problem per bad value: its key,
 * what is allowed and what was found. Keys never read are reported as unknown by {@link #finish()}.
 */
final class Fields {
    private final String section;
    private final JsonNode node;
    private final List<String> problems;
    private final Set<String> known = new HashSet<>();

    Fields(String section, JsonNode node, List<String> problems) {
        this.section = section;
        this.node = node == null || node.isNull() ? null : node;
        this.problems = problems;
        if (this.node != null && !this.node.isObject()) {
            problems.add(section + " must be a JSON object");
        }
    }

    private JsonNode get(String key) {
        known.add(key);
        return node == null || !node.isObject() ? null : node.get(key);
    }

    private String key(String key) {
        return section + "." + key;
    }

    int integer(String key, int def, int min, int max) {
        JsonNode v = get(key);
        if (v == null) {
            return def;
        }
        if (!v.isIntegralNumber()) {
            problems.add(key(key) + ": expected a whole number, got " + v);
            return def;
        }
        if (v.asLong() < min || v.asLong() > max) {
            problems.add(key(key) + " must be between " + min + " and " + max + " (got " + v.asLong() + ")");
            return def;
        }
        return v.asInt();
    }

    double number(String key, double def, double min, double max) {
        JsonNode v = get(key);
        if (v == null) {
            return def;
        }
        if (!v.isNumber()) {
            problems.add(key(key) + ": expected a number, got " + v);
            return def;
        }
        if (v.asDouble() < min || v.asDouble() > max) {
            problems.add(key(key) + " must be between " + min + " and " + max + " (got " + v.asDouble() + ")");
            return def;
        }
        return v.asDouble();
    }

    boolean bool(String key, boolean def) {
        JsonNode v = get(key);
        if (v == null) {
            return def;
        }
        if (!v.isBoolean()) {
            problems.add(key(key) + ": expected true or false, got " + v);
            return def;
        }
        return v.asBoolean();
    }

    String text(String key, String def) {
        JsonNode v = get(key);
        if (v == null) {
            return def;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(key(key) + ": expected a non-empty string, got " + v);
            return def;
        }
        return v.asText();
    }

    /** A non-empty string that is never shown in a problem (a password); null if absent. */
    String secret(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            problems.add(key(key) + ": expected a non-empty string");
            return null;
        }
        return v.asText();
    }

    /** A string that must be one of {@code allowed}, compared without case. */
    String choice(String key, String def, List<String> allowed) {
        String v = text(key, def);
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        problems.add(key(key) + " must be " + quotedAlternatives(allowed) + " (got \"" + v + "\")");
        return def;
    }

    void problem(String key, String message) {
        problems.add(key(key) + " " + message);
    }

    /** Reports the keys of this section that no getter asked for. */
    void finish() {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                problems.add("unknown key \"" + key(k) + "\"");
            }
        }
    }

    private static String quotedAlternatives(List<String> allowed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < allowed.size(); i++) {
            if (i > 0) {
                sb.append(i == allowed.size() - 1 ? " or " : ", ");
            }
            sb.append('"').append(allowed.get(i)).append('"');
        }
        return sb.toString();
    }
}
