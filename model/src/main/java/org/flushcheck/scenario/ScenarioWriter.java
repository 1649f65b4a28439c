package org.flushcheck.scenario;

import java.util.Map;
import java.util.Set;
import org.flushcheck.detect.Verdict;

/** Writes a scenario in the file format {@link ScenarioParser} reads back to an equal scenario. */
public final class ScenarioWriter {

    private ScenarioWriter() {
    }

    public static String write(Scenario s) {
        StringBuilder b = new StringBuilder();
        b.append("scenario: ").append(s.name()).append('\n');
        if (!s.story().isEmpty()) {
            b.append("story: >\n");
            for (String line : s.story().split("\n", -1)) {
                b.append("  ").append(line).append('\n');
            }
        }
        b.append("matches: ").append(quote(s.matches())).append('\n');
        b.append("design: ").append(s.design()).append('\n');
        b.append("kernel: ").append(quote(s.kernel())).append('\n');
        Sizes z = s.sizes();
        b.append("sizes:\n  memory_pages: ").append(z.memoryPages()).append("\n  dirty_ratio: ").append(z.dirtyRatio())
                .append("\n  background_ratio: ").append(z.backgroundRatio()).append("\n  ratelimit_pages: ")
                .append(z.ratelimitPages()).append("\n  chunk_pages: ").append(z.chunkPages())
                .append("\n  cache_chunks: ").append(z.cacheChunks()).append("\n  max_dirty_chunks: ")
                .append(z.maxDirtyChunks()).append("\n  fileserver_latency: ").append(z.fileserverLatency())
                .append("\n  cache_on_tmpfs: ").append(z.cacheOnTmpfs()).append('\n');
        b.append("fixes:\n  truncate_daemon: ").append(z.truncateDaemonFix()).append("\n  store_releases_leftovers: ")
                .append(z.storeReleasesLeftovers()).append('\n');
        if (!s.faults().isEmpty()) {
            b.append("faults:\n");
            for (Fault f : s.faults()) {
                b.append("  - function: ").append(f.function()).append("\n    errno: ").append(f.errno())
                        .append("\n    skip: ").append(f.skip()).append("\n    times: ").append(f.times()).append('\n');
            }
        }
        b.append("threads:\n");
        for (ThreadSpec t : s.threads()) {
            b.append("  - name: ").append(t.name()).append('\n');
            if (!t.after().isEmpty()) {
                b.append("    after: [").append(String.join(", ", t.after())).append("]\n");
            }
            b.append("    ops:\n");
            for (Op op : t.ops()) {
                b.append("      - ").append(op.kind().fields.isEmpty() && op.kind() != Op.Kind.AWAIT ? op.kind().key
                        : op.kind().key + ": " + op.toString().substring(op.kind().key.length() + 1)).append('\n');
            }
        }
        b.append("expect:\n");
        for (Map.Entry<String, Set<Verdict>> e : s.expect().sorted().entrySet()) {
            b.append("  ").append(quote(e.getKey())).append(": ").append(Expect.spell(e.getValue())).append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
