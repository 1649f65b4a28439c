package org.flushcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, version and completion: every command answers --help and -h with its usage and exit 0. */
class HelpTest {

    /** COMMAND --help, COMMAND -h and help COMMAND print that command's usage (with the exit codes) and exit 0. */
    @ParameterizedTest
    @CsvSource({
        "verify,     --help", "verify,     -h", "verify,     help",
        "run,        --help", "run,        -h", "run,        help",
        "fuzz,       --help", "fuzz,       -h", "fuzz,       help",
        "reproduce,  --help", "reproduce,  -h", "reproduce,  help",
        "designs,    --help", "designs,    -h", "designs,    help",
        "explain,    --help", "explain,    -h", "explain,    help",
        "completion, --help", "completion, -h", "completion, help",
    })
    void command_help_printsUsageAndExits0(String command, String how) {
        Cli r = how.equals("help") ? Cli.run("help", command) : Cli.run(command, how);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("Usage: flushcheck " + command), r::toString);
        assertTrue(r.out().contains("-h, --help") && r.out().contains("Exit codes:")
                && r.out().contains("2   bad input"), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    /** help, --help and -h alone print the top usage listing every command. */
    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h"})
    void top_help_listsEveryCommand(String how) {
        Cli r = Cli.run(how);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("Usage: flushcheck "), r::toString);
        for (String c : new String[] {"verify", "run", "fuzz", "reproduce", "designs", "explain", "completion",
            "help"}) {
            assertTrue(r.out().contains("\n  " + c + " "), () -> c + " missing\n" + r);
        }
    }

    /** help of an unknown command is bad input: exit 2, one line. */
    @Test
    void help_unknownCommand_exit2() {
        Cli r = Cli.run("help", "fly");
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
    }

    /** --version (on the root and on a command) prints the pom's version, the one source of it. */
    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "verify --version"})
    void version_isThePoms(String args) throws IOException {
        Cli r = Cli.run(args.split(" "));
        assertEquals(0, r.code(), r::toString);
        assertEquals("flushcheck " + pomVersion() + "\n", r.out().replace("\r\n", "\n"), r::toString);
    }

    /** The launcher names no version: it reads the jar's name from the file the build writes. */
    @Test
    void launcher_namesNoVersion() throws IOException {
        String launcher = Files.readString(CommandsTest.HOME.resolve("flushcheck"), StandardCharsets.UTF_8);
        assertFalse(Pattern.compile("\\d+\\.\\d+\\.\\d+").matcher(launcher).find(), launcher);
        assertTrue(launcher.contains("jar.txt"), launcher);
    }

    /** completion prints a bash completion script naming every command and their options. */
    @Test
    void completion_printsBashScript() {
        Cli r = Cli.run("completion");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("complete -F _complete_flushcheck"), r::toString);
        for (String w : new String[] {"verify", "reproduce", "explain", "fuzz", "--design", "--kernel", "--out",
            "--count", "--shrink-tries"}) {
            assertTrue(r.out().contains(w), () -> w + " missing");
        }
    }

    private static String pomVersion() throws IOException {
        String pom = Files.readString(CommandsTest.HOME.resolve("pom.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<artifactId>flushcheck-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertTrue(m.find(), "no version in pom.xml");
        return m.group(1);
    }
}
