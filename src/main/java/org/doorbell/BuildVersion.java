package org.doorbell;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The build's version, as Maven wrote it into {@code org/doorbell/version.properties} (e.g.
 * {@code 0.1.0-SNAPSHOT}): the same in the jar and in classes built by Maven. "unknown" when the
 * classes were built without Maven's resource filtering.
 */
public final class BuildVersion {
    private static final String VERSION = read();

    private BuildVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "").strip();
                if (!v.isEmpty() && !v.contains("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        String manifest = BuildVersion.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "unknown";
    }
}
