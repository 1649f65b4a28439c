package org.flushcheck.detect;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.flushcheck.sync.Held;
import org.flushcheck.sync.LockClass;
import org.flushcheck.sync.Site;

/**
 * What each entry point (a model function, by its C name) did with each lock class, as
 * observed: it <em>takes</em> a class acquired (blocking, trylock, set_page_writeback) or
 * waited on with the entry point on the stack; it <em>holds</em> a class on entry when,
 * inside it, something is acquired while that class is held and was taken outside it. Locking tables are checked against this.
 * Recorded under the domain monitor, read by tests after the run.
 */
public final class EntryPoints {

    /** One observed fact: {@code entry} takes or holds {@code lockClass} (base class name). */
    public record Fact(String entry, String lockClass, boolean takes) {
    }

    private final Set<String> entries;
    private final Set<Fact> facts = new ConcurrentSkipListSet<>(
            Comparator.comparing(Fact::entry).thenComparing(Fact::lockClass).thenComparing(Fact::takes));

    public EntryPoints(Set<String> entries) {
        this.entries = Set.copyOf(entries);
    }

    /** {@code acquired} was taken or waited on at {@code site} with {@code held} held. */
    void record(LockClass acquired, Site site, List<Held> held) {
        for (String e : entries) {
            if (!site.within(e)) {
                continue;
            }
            facts.add(new Fact(e, acquired.base().name(), true));
            for (Held h : held) {
                facts.add(new Fact(e, h.lockClass().base().name(), h.site().within(e)));
            }
        }
    }

    /** Facts seen by another run (another kernel era), for a table that spans them. */
    public void addAll(EntryPoints other) {
        facts.addAll(other.facts);
    }

    /** Whether {@code entry} ran at all (anything acquired inside it). */
    public boolean exercised(String entry) {
        return facts.stream().anyMatch(f -> f.entry().equals(entry));
    }

    public boolean takes(String entry, String lock) {
        return facts.contains(new Fact(entry, lock, true));
    }

    public boolean holds(String entry, String lock) {
        return facts.contains(new Fact(entry, lock, false));
    }
}
