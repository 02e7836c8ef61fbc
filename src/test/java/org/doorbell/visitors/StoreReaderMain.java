package org.doorbell.visitors;

import java.nio.file.Path;
import java.util.List;
import org.doorbell.visitors.store.VisitorStores;

/**
 * Child process of {@link StoreConcurrencyTest}: reads the store with {@link VisitorStores#readAny}
 * for the given number of milliseconds while {@link StoreWriterMain} commits, and checks every
 * state read ({@link StoreWriterMain#check}) and that changes never go backwards. Prints
 * {@code ok READS FIRST LAST} and exits 0, or prints what was wrong and exits 1.
 */
public final class StoreReaderMain {
    private StoreReaderMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long until = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000L;
        long first = -1;
        long last = -1;
        int reads = 0;
        try {
            while (System.nanoTime() < until) {
                List<Visitor> visitors = VisitorStores.readAny(file);
                // a reader cannot know whether the delete after the last change has happened
                long c = StoreWriterMain.check(visitors, false);
                if (c < last) {
                    throw new AssertionError("read change " + c + " after change " + last);
                }
                if (first < 0) {
                    first = c;
                }
                last = c;
                reads++;
            }
        } catch (AssertionError | StoreException e) {
            System.out.println("read " + reads + ": " + e.getMessage());
            System.exit(1);
        }
        System.out.println("ok " + reads + " " + first + " " + last);
    }
}
