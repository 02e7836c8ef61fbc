package org.doorbell.visitors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.doorbell.testing.TestVisitors;

/**
 * Child process of {@link StoreCrashTest}: saves {@link #contents} 1 and 0 alternately to the store
 * in a loop until killed. On stdout it writes {@code R} once ready, then {@code S} before and
 * {@code E} after every save, so the parent can tell whether a kill landed inside a save.
 */
public final class StoreWriterMain {
    static final int VISITORS = 300;

    private StoreWriterMain() {
    }

    /** The two store contents the child alternates between. */
    static List<Visitor> contents(int which) {
        return TestVisitors.visitors(VISITORS, 100 + which, 4000);
    }

    public static void main(String[] args) throws IOException {
        VisitorStore store = new VisitorStore(Path.of(args[0]), args[1]);
        List<List<Visitor>> both = List.of(contents(0), contents(1));
        mark('R');
        for (int n = 1; ; n++) {
            mark('S');
            store.save(both.get(n % 2));
            mark('E');
        }
    }

    private static void mark(char c) {
        System.out.write(c);
        System.out.flush();
    }
}
