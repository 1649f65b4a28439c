package org.flushcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad input: exit 2 and one line on stderr naming what is wrong; never a stack trace or a hang. */
class BadInputTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws IOException {
        Files.writeString(dir.resolve("malformed.yaml"), "scenario: m\nthreads:\n  - name: a\n    ops: [fly]\n");
        Files.writeString(dir.resolve("never.yaml"), """
                scenario: never
                threads:
                  - name: a
                    ops:
                      - await: {drain_waiters: 1}
                """);
        Files.writeString(dir.resolve("notareport.txt"), "all quiet on the cache manager\n");
        Files.writeString(dir.resolve("unknownframes.txt"), """
                INFO: task x:1 blocked for more than 120 seconds.
                Call Trace:
                 [<ffffffff81000000>] frobnicate+0x1/0x2
                """);
        Files.createDirectories(dir.resolve("empty"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "run|DIR/missing.yaml;                                  DIR/missing.yaml: cannot read",
        "run|DIR/malformed.yaml;                                DIR/malformed.yaml:4: threads.ops: unknown operation 'fly'",
        "run|DIR/never.yaml|--schedules|1;                      DIR/never.yaml: thread a failed: gate never opened: await {drain_waiters: 1}",
        "run|SCENARIOS/b01-mmap-writeback-recursion.yaml|--design|nope; unknown lock design 'nope'",
        "run|SCENARIOS/b01-mmap-writeback-recursion.yaml|--kernel|9.9;  unknown kernel profile '9.9'",
        "run|SCENARIOS/b01-mmap-writeback-recursion.yaml|--runs|0;      --runs 0 must be in 1..100000",
        "run|SCENARIOS/b01-mmap-writeback-recursion.yaml|--explore|bfs; Invalid value for option '--explore'",
        "run|SCENARIOS/b01-mmap-writeback-recursion.yaml|--schedule|s1zzzz; schedule id 's1zzzz' fails its checksum",
        "run|SCENARIOS/b01-mmap-writeback-recursion.yaml|--schedule|x9; not a schedule id: 'x9'",
        "run|SCENARIOS/b01-mmap-writeback-recursion.yaml|--shard|3/2; --shard 3/2 must be I/N",
        "run|SCENARIOS/b01-mmap-writeback-recursion.yaml|--schedules|0; --schedules 0 must be in 1..100000000",
        "fuzz|--design|nope;                                    unknown lock design 'nope'",
        "fuzz|--kernel|9.9;                                     unknown kernel profile '9.9'",
        "fuzz|--count|-1;                                       --count -1 must be in 1..1000000",
        "fuzz|--count|many;                                     Invalid value for option '--count'",
        "fuzz|--out|DIR/malformed.yaml/out;                     --out DIR/malformed.yaml/out: cannot create the directory",
        "fuzz|--shrink-tries|-3;                                --shrink-tries -3 must be in 0..100000",
        "fuzz|--shard|1/2;                                      --shard: fuzz explores each scenario whole",
        "fuzz|--explore|stress;                                 Invalid value for option '--explore'",
        "verify|--jobs|0;                                       --jobs 0 must be in 1..64",
        "run|SCENARIOS/b01-mmap-writeback-recursion.yaml|--runs|many;  Invalid value for option '--runs'",
        "verify|--design|nope;                                  unknown lock design 'nope'",
        "verify|--scenarios|DIR/empty;                          no *.yaml scenario in",
        "verify|--scenarios|DIR/none;                           no scenario directory",
        "explain|nope;                                          unknown lock design 'nope'",
        "reproduce|DIR/notareport.txt;                          DIR/notareport.txt: not a hang report",
        "reproduce|DIR/unknownframes.txt;                       DIR/unknownframes.txt: no blocked task's frames name an operation",
        "fly;                                                   Unmatched argument at index 0: 'fly'",
        "run;                                                   Missing required parameter: 'FILE.yaml'",
        ";                                                      name a command",
    })
    void badInput_exit2OneLine(String args, String message) {
        String scenarios = Path.of(System.getProperty("flushcheck.home", "..")).resolve("scenarios").toString();
        String[] argv = args == null || args.isEmpty() ? new String[0]
                : args.replace("DIR", dir.toString()).replace("SCENARIOS", scenarios).split("\\|", -1);
        Cli r = Cli.run(argv);
        assertEquals(2, r.code(), r::toString);
        String expected = message.strip().replace("DIR", dir.toString());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("flushcheck: ") && first.contains(expected), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r::toString);
    }
}
