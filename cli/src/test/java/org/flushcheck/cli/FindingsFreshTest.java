package org.flushcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.flushcheck.report.FindingPage;
import org.flushcheck.report.FindingsTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed {@code findings/} is what {@code flushcheck verify} generates today: every
 * LOCKING.md byte for byte, every matrix cell's verdict, and every finding page's identity
 * (the part above its splat) under the same file name. Cells and findings whose scenario allows several verdicts
 * there (racy by declaration) are left out of the comparison; the evidence below a page's
 * splat (pids, interleaving) is a run's, not the finding's. Regenerate with
 * {@code ./flushcheck verify}.
 */
class FindingsFreshTest {

    @TempDir
    Path dir;

    /** findings/ matches a fresh verify run. */
    @Test
    void committedFindings_matchAFreshVerify() throws IOException {
        Path committed = CommandsTest.HOME.resolve("findings");
        Path fresh = dir.resolve("findings");
        Cli r = Cli.run("verify", "--out", fresh.toString());
        assertEquals(0, r.code(), r::toString);
        String stale = "stale findings/: run ./flushcheck verify and commit findings/";
        assertEquals(files(committed, "LOCKING.md"), files(fresh, "LOCKING.md"), stale);
        assertEquals(cells(committed), cells(fresh), stale);
        assertEquals(identities(committed), identities(fresh), stale);
    }

    private static Map<String, String> files(Path root, String name) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> p.getFileName().toString().equals(name)).toList()) {
                out.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Matrix cells (row | scenario -> verdict), racy cells left out. */
    private static Map<String, String> cells(Path root) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8);
        Map<String, String> out = new TreeMap<>();
        List<String> scenarios = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("| design @ kernel |")) {
                for (String h : cols(line)) {
                    scenarios.add(h.replace("`", ""));
                }
            } else if (line.startsWith("| ") && !scenarios.isEmpty() && line.contains(" @ ")) {
                List<String> c = cols(line);
                for (int i = 0; i < scenarios.size() && i < c.size(); i++) {
                    String verdict = c.get(i).replaceAll("^\\[?([A-Z_]+).*", "$1");
                    if (!racy(scenarios.get(i), line.substring(2, line.indexOf(" |")))) {
                        out.put(line.substring(2, line.indexOf(" |")) + " | " + scenarios.get(i), verdict);
                    }
                }
            }
        }
        return out;
    }

    private static List<String> cols(String row) {
        String[] parts = row.split("\\|", -1);
        List<String> out = new ArrayList<>();
        for (int i = 2; i < parts.length - 1; i++) {
            out.add(parts[i].strip());
        }
        return out;
    }

    private static boolean racy(String scenario, String designAtKernel) throws IOException {
        Path file;
        try (Stream<Path> list = Files.list(CommandsTest.HOME.resolve("scenarios"))) {
            file = list.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> org.flushcheck.scenario.ScenarioParser.read(p).name().equals(scenario))
                    .findFirst().orElseThrow();
        }
        String[] dk = designAtKernel.split(" @ ", -1);
        return org.flushcheck.scenario.ScenarioParser.read(file).expect().expected(dk[0], dk[1]).size() > 1;
    }

    /** Finding pages by file name (which comes from identity), each with its identity; racy ones left out. */
    private static Map<String, String> identities(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path p : FindingsTree.ownPages(root)) {
            String id = FindingPage.identity(Files.readString(p, StandardCharsets.UTF_8));
            if (!id.contains(" or ") && !id.contains("expects ANY")) {
                out.put(p.getFileName().toString(), id);
            }
        }
        return out;
    }
}
