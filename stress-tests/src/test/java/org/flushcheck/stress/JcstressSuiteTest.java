package org.flushcheck.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole jcstress suite from the shaded {@code target/jcstress.jar} in a forked
 * JVM (bound to the integration-test phase: the jar exists only after package) and fails
 * on any FORBIDDEN outcome, any test that errored or timed out, and a run that did not
 * finish within its bound, with jcstress's result tables in the message.
 *
 * <p>Options come from the pom: {@code jcstress.options} (the mode: sanity with a short
 * {@code -time} by default, quick under {@code -Pstress}), {@code jcstress.args} (extra,
 * e.g. {@code -t WritepageVsTruncate}), {@code jcstress.timeoutMinutes}.
 */
class JcstressSuiteTest {

    private static final Pattern PROGRESS = Pattern.compile("\\(Results: (\\d+) planned; "
            + "(\\d+) passed, (\\d+) failed, (\\d+) soft errs, (\\d+) hard errs\\)");

    /** Every test of the suite ends OK or INTERESTING: nothing forbidden, errored or timed out. */
    @Test
    void suite_everyTest_noForbiddenOutcomeNoError() throws Exception {
        Path jar = Path.of(property("jcstress.jar"));
        Path results = Files.createDirectories(Path.of(property("jcstress.results")));
        Path console = results.resolve("console.txt");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "-r", results.toString()));
        cmd.addAll(words(property("jcstress.options")));
        cmd.addAll(words(System.getProperty("jcstress.args", "")));
        long minutes = Long.parseLong(property("jcstress.timeoutMinutes"));

        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(console.toFile()).start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("timed out: jcstress still running after " + minutes + " min (" + cmd + ")\n"
                    + tail(read(console), 60));
        }
        String out = read(console);
        String report = summary(out);

        Matcher m = PROGRESS.matcher(out);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        assertTrue(last != null, () -> "jcstress ran no test (" + cmd + ")\n" + tail(out, 60));
        Matcher counts = PROGRESS.matcher(last);
        assertTrue(counts.matches());
        int planned = Integer.parseInt(counts.group(1));
        assertTrue(planned > 0, () -> "jcstress planned no test run\n" + report);
        assertEquals(planned + " passed, 0 failed, 0 soft errs, 0 hard errs",
                counts.group(2) + " passed, " + counts.group(3) + " failed, " + counts.group(4)
                        + " soft errs, " + counts.group(5) + " hard errs",
                () -> "jcstress found FORBIDDEN outcomes or errors\n" + report);
        assertTrue(out.contains("Failed tests: No matches."),
                () -> "FORBIDDEN outcomes\n" + report);
        assertTrue(out.contains("Error tests: No matches."), () -> "tests errored\n" + report);
        assertEquals(0, p.exitValue(), () -> "jcstress exited " + p.exitValue() + "\n" + report);
        System.out.println(report);
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalStateException("system property " + name
                    + " is not set: run this test through mvn verify (stress-tests/pom.xml)");
        }
        return v;
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }

    private static String read(Path f) throws IOException {
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    /** jcstress's closing report: the tables of every interesting, failed and errored test. */
    private static String summary(String out) {
        int at = out.lastIndexOf("RUN RESULTS:");
        return at < 0 ? tail(out, 80) : out.substring(at);
    }

    private static String tail(String s, int lines) {
        String[] all = s.split("\n", -1);
        return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
    }
}
