package org.flushcheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.flushcheck.design.LockDesign;
import org.flushcheck.explore.Search;
import org.flushcheck.fuzz.Fuzzer;
import org.flushcheck.fuzz.Generator;
import org.flushcheck.fuzz.Probe;
import org.flushcheck.fuzz.Summary;
import org.flushcheck.vm.KernelProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flushcheck fuzz}: generated scenarios under one design, each explored by the
 * explorer with a small budget ({@link #DEFAULT_SCHEDULES} pct schedules), each distinct
 * finding shrunk to a minimal scenario file in {@code --out}. The same arguments give the
 * same summary, byte for byte; progress, with wall times, goes to stderr. Exits 0 when
 * nothing was found, 1 when something was (a reproducer for each), 2 on bad input.
 */
@Command(name = "fuzz", description = {"Generates scenarios, explores each, and shrinks every distinct finding"
        + " to a minimal scenario file.",
    "--seed seeds both the generator and the explorer. Exit 1 means findings (their reproducers are in --out)."})
final class FuzzCommand implements Callable<Integer> {

    /** The strategies a fuzz run can explore each scenario with. */
    enum Strategy { pct, random, dfs }

    /** Schedules a scenario unless {@code --schedules} says otherwise: a thousand scenarios in minutes. */
    static final int DEFAULT_SCHEDULES = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--design", description = "the lock design (default safe-deferred)")
    String design = "safe-deferred";

    @Option(names = "--kernel", description = "the kernel profile: 2.6.18, 2.6.32 or 3.2+ (default: drawn per scenario)")
    String kernel;

    @Option(names = "--count", paramLabel = "N", description = "scenarios to generate (default 100)")
    int count = 100;

    @Option(names = "--out", paramLabel = "DIR", description = "where the shrunk reproducers go (default fuzz-out)")
    Path out = Path.of("fuzz-out");

    @Option(names = "--explore", description = "pct (default), random or dfs: how each scenario is explored")
    Strategy strategy = Strategy.pct;

    @Option(names = "--shrink-tries", paramLabel = "N", description = "at most N candidates per finding (default 200)")
    int shrinkTries = 200;

    @Mixin
    ExploreOptions explore;

    @Override
    public Integer call() {
        String d = LockDesign.named(design).name();
        String k = kernel == null ? null : KernelProfile.named(kernel).label();
        if (count < 1 || count > 1_000_000) {
            throw new IllegalArgumentException("--count " + count + " must be in 1..1000000");
        }
        if (shrinkTries < 0 || shrinkTries > 100_000) {
            throw new IllegalArgumentException("--shrink-tries " + shrinkTries + " must be in 0..100000");
        }
        if (explore.shard != null) {
            throw new IllegalArgumentException("--shard: fuzz explores each scenario whole");
        }
        Search search = explore.search(strategy.name(), DEFAULT_SCHEDULES);
        writable(out);
        Path cacheRoot = Temp.dir();
        try {
            Probe probe = new Probe(search, Duration.ofSeconds(10), cacheRoot);
            Fuzzer.Report r = new Fuzzer(explore.seed, new Generator(explore.seed, d, k), probe, shrinkTries, out,
                    spec.commandLine().getErr()::println).run(count);
            String what = "seed " + explore.seed + ", " + count + " scenarios, design " + d + ", kernel "
                    + (k == null ? "drawn per scenario" : k) + ", explored by " + search;
            spec.commandLine().getOut().print(Summary.render(what, search, shrinkTries, r));
            return r.findings().isEmpty() ? 0 : Main.UNEXPECTED;
        } finally {
            Temp.delete(cacheRoot);
        }
    }

    private static void writable(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("--out " + dir + ": cannot create the directory: " + e.getMessage());
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new IllegalArgumentException("--out " + dir + ": not a writable directory");
        }
    }
}
