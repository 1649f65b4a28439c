package org.flushcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed {@code findings/} is what {@code flushcheck verify} generates today, byte
 * for byte, every file: the explorer's runs are deterministic (same search, same
 * schedules, same pids, same splats), so no cell is exempt. Regenerate with
 * {@code ./flushcheck verify}.
 */
class FindingsFreshTest {

    @TempDir
    Path dir;

    /** findings/ matches a fresh verify run, file for file and byte for byte. */
    @Test
    void committedFindings_matchAFreshVerify() throws IOException {
        Path committed = CommandsTest.HOME.resolve("findings");
        Path fresh = dir.resolve("findings");
        Cli r = Cli.run("verify", "--out", fresh.toString());
        assertEquals(0, r.code(), r::toString);
        Map<String, String> want = tree(committed);
        Map<String, String> got = tree(fresh);
        assertEquals(want.keySet(), got.keySet(), "stale findings/: run ./flushcheck verify and commit findings/");
        for (String f : want.keySet()) {
            assertEquals(want.get(f), got.get(f), "stale findings/" + f + ": run ./flushcheck verify and commit findings/");
        }
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
