package org.doorbell.display;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.doorbell.appliance.OwnerActions;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEncoding;
import org.doorbell.image.ImageFiles;
import org.doorbell.image.OpenCv;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.FaceSample;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorEditor;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The full-screen {@link SwingDisplay} on a real visitor store, run in its own JVM by
 * {@link StoreScreenTest}: the SQLite store at the path given as the only argument (seeded with
 * {@link #seed} when it has no visitors), a {@link VisitorRegistry} loaded from it, a
 * {@link VisitorEditor} applying each correction to the store and the registry, and
 * {@link OwnerActions} on that editor as the card's corrections, as the running appliance has
 * them. The list and the cards show the registry's visitors as the appliance does (most recently
 * seen first, see {@code Appliance#allCards}), the strip its recent ones; the camera is a group
 * photo. The clock stands still at {@link ScreenDriver#NOW}. Answers the commands of
 * {@link ScreenProtocol}, and:
 * <ul>
 *   <li>{@code visitor ID} → {@code visitor ID VISITS NAME|-}, or {@code visitor ID none}: the
 *       visitor as the registry (what the screen shows) has it</li>
 * </ul>
 * It prints {@code ready} once the window is up.
 */
public final class StoreScreenDriver {
    static final Clock CLOCK = ScreenDriver.CLOCK;
    static final Instant NOW = ScreenDriver.NOW;
    static final Duration NEW_VISIT = VisitorSettings.DEFAULTS.newVisitAfter();

    /** Raj (bbt1.jpg): five visits, the last six days ago. */
    static final long RAJ = 1;
    /**
     * Leonard: two visits, one a month ago and one now (at the door), with one gallery sample
     * each; his picture from the first (bbt1.jpg), a better one from this visit (bbt4.jpg).
     */
    static final long LEONARD = 2;
    /** Howard (bbt1.jpg): four visits, the last yesterday. */
    static final long HOWARD = 3;
    /** Sheldon (bbt1.jpg): three visits. */
    static final long SHELDON = 4;
    /** Penny (bbt4.jpg): two visits. */
    static final long PENNY = 5;
    /** Howard again, taken for someone new two hours ago (a grey close-up of his face). */
    static final long HOWARD_AGAIN = 6;

    /** bbt4.jpg (710x473): Leonard bottom left, Penny bottom middle. */
    static final String PHOTO_4 = "groups/bbt4.jpg";
    static final FaceBox LEONARD_4 = new FaceBox(245, 164, 384, 40);
    static final FaceBox PENNY_4 = new FaceBox(220, 349, 334, 250);
    /** 150x150 grey face crop of Howard. */
    static final String HOWARD_CLOSE_UP = "simon_helberg/howard1.png";

    private StoreScreenDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: StoreScreenDriver STORE_FILE");
        }
        OpenCv.load();
        Path faces = Path.of(System.getProperty("doorbell.faces"));
        Mat photo = ImageFiles.readBgr(faces.resolve(ScreenDriver.PHOTO));
        VisitorStore store = VisitorStores.open(Path.of(args[0]), TestVisitors.MODEL);
        if (store.load().isEmpty()) {
            store.save(seed(photo, ImageFiles.readBgr(faces.resolve(PHOTO_4)),
                    ImageFiles.readBgr(faces.resolve(HOWARD_CLOSE_UP))));
        }

        // as the running appliance: the registry from the store, new ids from the store's counter
        VisitorRegistry registry = new VisitorRegistry(VisitorSettings.DEFAULTS, CLOCK, store.load());
        registry.useIds(() -> {
            try {
                return store.newId();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        VisitorEditor editor = new VisitorEditor(store, CLOCK, NEW_VISIT, registry);
        editor.refresh();
        VisitorActions actions = new OwnerActions(() -> editor);
        Display.VisitorDirectory directory = () -> VisitorRows.of(registry.all(), Visitor::id,
                v -> cards(registry, List.of(v)).get(0));

        SwingDisplay display = SwingDisplay.open(1024, 600, true, directory, actions, CLOCK);
        Thread camera = ScreenProtocol.startCamera(display, photo, List.of(), () -> cards(registry, registry.recent()));
        ScreenProtocol.serve(display, camera, (command, arg) -> {
            if (!command.equals("visitor")) {
                return null;
            }
            Optional<Visitor> v = registry.find(Long.parseLong(arg));
            return "visitor " + arg + v.map(x -> " " + x.visits() + " " + (x.name() == null ? "-" : x.name()))
                    .orElse(" none");
        });
    }

    /** The visitors as the screen shows them, in the order given (as {@code Appliance#card}). */
    static List<VisitorCard> cards(VisitorRegistry registry, List<Visitor> visitors) {
        List<VisitorCard> cards = new ArrayList<>(visitors.size());
        for (Visitor v : visitors) {
            cards.add(new VisitorCard(v.id(), v.name(), v.picture(), v.firstSeen(), v.lastSeen(), v.visits(),
                    registry.atDoor(v)));
        }
        return cards;
    }

    /**
     * The six visitors (see the ids above), unnamed, with real faces as 150x150 JPEGs and random
     * encodings (Howard's two records the same face); each visit lasts 40 s.
     *
     * @param bbt1     bbt1.jpg (see {@link ScreenDriver#FACES})
     * @param bbt4     bbt4.jpg
     * @param closeUp  Howard's grey close-up
     */
    static List<Visitor> seed(Mat bbt1, Mat bbt4, Mat closeUp) {
        Random random = new Random(2026);
        FaceEncoding howard = TestVisitors.randomFace(random);
        List<Visitor> visitors = new ArrayList<>();
        visitors.add(seen(RAJ, TestVisitors.randomFace(random), ScreenDriver.thumbnail(bbt1, ScreenDriver.FACES.get(0)),
                NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(6)), 5));
        visitors.add(leonard(TestVisitors.randomFace(random), random,
                ScreenDriver.thumbnail(bbt1, ScreenDriver.FACES.get(1)), ScreenDriver.thumbnail(bbt4, LEONARD_4)));
        visitors.add(seen(HOWARD, howard, ScreenDriver.thumbnail(bbt1, ScreenDriver.FACES.get(2)),
                NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(1)), 4));
        visitors.add(seen(SHELDON, TestVisitors.randomFace(random), ScreenDriver.thumbnail(bbt1, ScreenDriver.FACES.get(3)),
                NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(3)), 3));
        visitors.add(seen(PENNY, TestVisitors.randomFace(random), ScreenDriver.thumbnail(bbt4, PENNY_4),
                NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofHours(4)), 2));
        Instant again = NOW.minus(Duration.ofHours(2));
        visitors.add(seen(HOWARD_AGAIN, TestVisitors.sameFace(howard, random), jpeg(closeUp), again, again, 1));
        return visitors;
    }

    /**
     * A visitor first seen at {@code first} whose last visit started at {@code lastVisit}: one
     * gallery sample, from the first sighting.
     */
    private static Visitor seen(long id, FaceEncoding face, byte[] picture, Instant first, Instant lastVisit,
                                int visits) {
        Instant last = lastVisit.plusSeconds(40);
        return new Visitor(id, null, List.of(new FaceSample(face, 0.6, first)), picture, 0.6, first, last, lastVisit,
                visits, 40L * visits);
    }

    /** Leonard's two visits as the registry makes them: seen, seen again, a new visit with a better view. */
    private static Visitor leonard(FaceEncoding face, Random random, byte[] older, byte[] better) {
        Instant first = NOW.minus(Duration.ofDays(30));
        Instant second = NOW.minus(Duration.ofMinutes(2));
        FaceSample firstView = new FaceSample(TestVisitors.sameFace(face, random), 0.6, first);
        FaceSample secondView = new FaceSample(TestVisitors.sameFace(face, random), 0.8, second);
        Visitor v = new Visitor(LEONARD, null, List.of(firstView), older, 0.6, first, first, first, 1, 1);
        v = v.seenAt(first.plusSeconds(40), NEW_VISIT);
        v = v.seenAt(second, NEW_VISIT);
        v = v.withViews(List.of(firstView, secondView), better, 0.8);
        return v.seenAt(NOW.minusSeconds(5), NEW_VISIT);
    }

    private static byte[] jpeg(Mat image) {
        MatOfByte jpeg = new MatOfByte();
        Imgcodecs.imencode(".jpg", image, jpeg);
        return jpeg.toArray();
    }
}
