package org.flushcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed finding replays from its id: the page's own command (with its
 * {@code --schedule}) prints the page's splat again, character for character.
 */
class FindingReplayTest {

    private static final Pattern COMMAND = Pattern.compile("Reproduce: `\\./flushcheck (run [^`]+--schedule [^`]+)`");
    private static final Pattern SPLAT = Pattern.compile("## Splat[^\\n]*\\n\\n```text\\n(.*?)\\n```", Pattern.DOTALL);

    static Stream<String> pages() throws IOException {
        try (Stream<Path> list = Files.list(CommandsTest.HOME.resolve("findings"))) {
            return list.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".md") && !f.equals("README.md"))
                    .sorted().toList().stream();
        }
    }

    /** The page's replay command exits as expected and prints the page's splat. */
    @ParameterizedTest
    @MethodSource("pages")
    void findingPage_replaysFromItsId(String page) throws IOException {
        String text = Files.readString(CommandsTest.HOME.resolve("findings").resolve(page), StandardCharsets.UTF_8);
        Matcher command = COMMAND.matcher(text);
        assertTrue(command.find(), page + ": no replay command with a schedule id");
        Matcher splat = SPLAT.matcher(text);
        assertTrue(splat.find(), page + ": no splat");
        List<String> args = List.of(command.group(1).split(" "));
        Cli r = Cli.run(args.stream().map(a -> a.startsWith("scenarios/") ? CommandsTest.HOME.resolve(a).toString() : a)
                .toArray(String[]::new));
        assertEquals(0, r.code(), r::toString);
        assertFalse(r.out().isEmpty());
        assertTrue(r.out().contains(splat.group(1).strip()), page + ": the replay does not print the page's splat\n" + r);
    }
}
