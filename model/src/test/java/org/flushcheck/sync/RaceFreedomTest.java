package org.flushcheck.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.flushcheck.vm.Vm;
import org.junit.jupiter.api.Test;

/**
 * Controlled mode is sound only for a model free of data races outside the sync layer
 * ({@code org.flushcheck.explore} package doc): shared state is guarded by a primitive the
 * task holds, or every access to it is a {@link Racy} one ({@link RacyLong},
 * {@link RacyFlag}). A field the JVM makes safe for real threads (an atomic, a volatile, a
 * {@code java.util.concurrent} collection) is what an unmarked race looks like, so each
 * such field of the model must be on {@link #ALLOWED} with the reason it is sound.
 */
class RaceFreedomTest {

    /** The model's packages: the VM, the AFS client and the lock designs. */
    private static final List<String> PACKAGES = List.of("org.flushcheck.vm", "org.flushcheck.afs",
            "org.flushcheck.design");

    /** {@code Class.field} (nested classes as {@code Outer$Inner.field}) and why it is not an unmarked race. */
    static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("org.flushcheck.vm.AddressSpace.pages",
                    "mapping->page_tree: every lookup, insert and removal is preceded by an access"
                            + " of the mapping's page_tree Racy; concurrent for real threads"),
            Map.entry("org.flushcheck.vm.Bdi.mappings",
                    "sb->s_inodes: every registration and walk is preceded by an access of the"
                            + " bdi's s_inodes Racy; copy-on-write for real threads"),
            Map.entry("org.flushcheck.vm.Vm.bdis",
                    "backing devices are registered while the kernel and the client are built,"
                            + " before any task starts; copy-on-write for real threads"),
            Map.entry("org.flushcheck.vm.CacheFs.files",
                    "the cache disk's open files: host I/O outside the model's concurrency"
                            + " (AtomicSteps.hostIo); callers hold the inode and page locks that order it"),
            Map.entry("org.flushcheck.afs.Faults.injected",
                    "injections are set up by the harness before the tasks start; read-only after;"
                            + " the call counters are RacyLongs"),
            Map.entry("org.flushcheck.afs.CacheManager.drainWaits",
                    "written with AFS_GLOCK held (checked); read only by a scenario gate's"
                            + " observation, which the scheduler evaluates between steps"),
            Map.entry("org.flushcheck.afs.CacheManager.evictions",
                    "written with AFS_GLOCK held (checked); read only by the harness"),
            Map.entry("org.flushcheck.afs.Fileserver.files",
                    "the fileserver is another host: touched only inside one call, which begins"
                            + " with an access of the server's Racy and runs to its end alone"),
            Map.entry("org.flushcheck.afs.Fileserver.stores",
                    "the fileserver's StoreData count: touched only inside one call (see files)"),
            Map.entry("org.flushcheck.afs.Fileserver.failStoreNumber",
                    "the fileserver's fault plan: touched only inside one call (see files)"));

    /** Every atomic, volatile or concurrent-collection field of the model is on the allow-list, with a reason. */
    @Test
    void modelFields_racyOnlyThroughRacy() {
        List<String> unmarked = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        for (Class<?> c : modelClasses()) {
            boolean concurrentCollections = usesConcurrentCollections(c);
            for (Field f : c.getDeclaredFields()) {
                if (f.isSynthetic() || !(threadSafeForJvm(f)
                        || (concurrentCollections && collectionField(f)))) {
                    continue;
                }
                String key = c.getName() + "." + f.getName();
                seen.add(key);
                if (!ALLOWED.containsKey(key)) {
                    unmarked.add(key + " (" + describe(f) + ")");
                }
            }
        }
        assertEquals(List.of(), unmarked, "fields shared without the sync layer: make each a RacyLong /"
                + " RacyFlag, guard it with a model lock, or add it to ALLOWED with its reason");
        TreeSet<String> stale = new TreeSet<>(ALLOWED.keySet());
        stale.removeAll(seen);
        assertEquals(new TreeSet<>(), stale, "ALLOWED names fields that no longer need it");
    }

    /** The scan sees the model: it finds the known classes, and a field the test plants would fail it. */
    @Test
    void scan_findsModelClassesAndAtomics() throws NoSuchFieldException {
        List<Class<?>> classes = modelClasses();
        assertTrue(classes.contains(Vm.class), "the scan finds org.flushcheck.vm.Vm");
        assertTrue(classes.stream().anyMatch(c -> c.getName().startsWith("org.flushcheck.afs.")),
                "the scan finds org.flushcheck.afs");
        assertTrue(classes.stream().anyMatch(c -> c.getName().startsWith("org.flushcheck.design.")),
                "the scan finds org.flushcheck.design");
        assertTrue(threadSafeForJvm(Planted.class.getDeclaredField("counter")));
        assertTrue(threadSafeForJvm(Planted.class.getDeclaredField("flag")));
        assertTrue(threadSafeForJvm(Planted.class.getDeclaredField("map")));
        assertFalse(threadSafeForJvm(Planted.class.getDeclaredField("marked")));
        assertFalse(threadSafeForJvm(Planted.class.getDeclaredField("plain")));
    }

    /** What a racy field looks like, for {@link #scan_findsModelClassesAndAtomics}. */
    @SuppressWarnings("unused")
    private static final class Planted {
        final java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong();
        volatile boolean flag;
        final java.util.concurrent.ConcurrentHashMap<String, String> map = new java.util.concurrent.ConcurrentHashMap<>();
        RacyLong marked;
        long plain;
    }

    /** An atomic, a volatile, or a java.util.concurrent collection: safe for the JVM, unseen by the explorer. */
    private static boolean threadSafeForJvm(Field f) {
        if (Modifier.isVolatile(f.getModifiers())) {
            return true;
        }
        Package p = f.getType().getPackage();
        String name = p == null ? "" : p.getName();
        return name.equals("java.util.concurrent.atomic") || name.equals("java.util.concurrent");
    }

    /**
     * An instance field declared as a collection interface ({@code Map<..> m = new
     * ConcurrentHashMap<>()}): reflection sees only the interface, so a class whose code
     * names a java.util.concurrent collection has each such field checked.
     */
    private static boolean collectionField(Field f) {
        return !Modifier.isStatic(f.getModifiers())
                && (java.util.Map.class.isAssignableFrom(f.getType())
                        || java.util.Collection.class.isAssignableFrom(f.getType()));
    }

    private static final java.util.regex.Pattern CONCURRENT_COLLECTION =
            java.util.regex.Pattern.compile("java/util/concurrent/(?!atomic/|locks/|TimeUnit)");

    /** Whether the class file of {@code c} refers to a java.util.concurrent class other than atomics and locks. */
    private static boolean usesConcurrentCollections(Class<?> c) {
        String file = "/" + c.getName().replace('.', '/') + ".class";
        try (var in = c.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("no class file " + file);
            }
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            return CONCURRENT_COLLECTION.matcher(text).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Field f) {
        return Modifier.toString(f.getModifiers()) + " " + f.getType().getSimpleName();
    }

    /** Every class (nested ones too) of {@link #PACKAGES}, from the model's class directory. */
    private static List<Class<?>> modelClasses() {
        Path root;
        try {
            root = Path.of(Vm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Class<?>> out = new TreeMap<>();
        for (String pkg : PACKAGES) {
            Path dir = root.resolve(pkg.replace('.', '/'));
            assertTrue(Files.isDirectory(dir), "the model's classes are in a directory: " + dir);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String rel = root.relativize(file).toString();
                    if (!rel.endsWith(".class") || rel.endsWith("package-info.class")) {
                        continue;
                    }
                    String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
                    out.put(name, Class.forName(name, false, RaceFreedomTest.class.getClassLoader()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(out.values());
    }
}
