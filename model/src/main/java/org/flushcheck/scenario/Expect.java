package org.flushcheck.scenario;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.flushcheck.detect.Verdict;

/**
 * The verdicts a scenario expects, by selector: {@code design@kernel}, {@code design},
 * {@code @kernel} or {@code *}; the most specific selector that matches wins. Each names
 * the exact set of verdicts the cell reaches under the explorer ({@code [CLEAN, DEADLOCK]}
 * where some schedules deadlock and others do not): the explorer checks the set it
 * reached is that set; one run on real threads checks its verdict is in it.
 */
public record Expect(Map<String, Set<Verdict>> bySelector) {

    public Expect {
        bySelector = Map.copyOf(bySelector);
    }

    /** Expects {@code verdict} everywhere. */
    public static Expect everywhere(Verdict verdict) {
        return new Expect(Map.of("*", EnumSet.of(verdict)));
    }

    /** What {@code design} on {@code kernel} should give; CLEAN when no selector matches. */
    public Set<Verdict> expected(String design, String kernel) {
        for (String key : new String[] {design + "@" + kernel, design, "@" + kernel, "*"}) {
            Set<Verdict> v = bySelector.get(key);
            if (v != null) {
                return v;
            }
        }
        return EnumSet.of(Verdict.CLEAN);
    }

    /** Whether {@code verdict} is one of those expected. */
    public boolean accepts(String design, String kernel, Verdict verdict) {
        return expected(design, kernel).contains(verdict);
    }

    /** {@code DEADLOCK}, or {@code [CLEAN, DEADLOCK]}: as a scenario file writes it. */
    public static String spell(Set<Verdict> verdicts) {
        List<String> names = verdicts.stream().sorted().map(Verdict::name).toList();
        return names.size() == 1 ? names.get(0) : "[" + String.join(", ", names) + "]";
    }

    /** The selectors in a stable order, for writing the file back. */
    public Map<String, Set<Verdict>> sorted() {
        Map<String, Set<Verdict>> out = new LinkedHashMap<>();
        bySelector.keySet().stream().sorted((a, b) -> a.equals("*") ? -1 : b.equals("*") ? 1 : a.compareTo(b))
                .forEach(k -> out.put(k, bySelector.get(k)));
        return out;
    }
}
