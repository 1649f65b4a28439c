package org.flushcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.flushcheck.design.LockDesign;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.scenario.Derivation;
import org.flushcheck.scenario.Expect;
import org.flushcheck.scenario.HangReport;
import org.flushcheck.scenario.ModelFunctions;
import org.flushcheck.scenario.Outcome;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.ScenarioRunner;
import org.flushcheck.scenario.ScenarioWriter;
import org.flushcheck.scenario.Sizes;
import org.flushcheck.vm.KernelProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flushcheck reproduce REPORT}: reads a hang report (khungtaskd, jstack, lockdep),
 * maps each blocked task's frames to model functions, derives and writes a scenario, runs
 * it under every design (and earlier release) on the report's kernel (or every kernel),
 * and says where the model reaches a hang and whether it is the reported one. Exit 0 when
 * the model reaches it somewhere, 1 when not, 2 on a report it cannot read.
 */
@Command(name = "reproduce", description = "Turns a hang report into a scenario and replays it on the model.")
final class ReproduceCommand implements Callable<Integer> {

    private static final Set<Verdict> HANGS = EnumSet.of(Verdict.DEADLOCK, Verdict.STALL, Verdict.HUNG_TASK);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "REPORT", description = "the hang report (text)")
    Path report;

    @Option(names = {"-o", "--output"}, description = "where the scenario goes (default: REPORT-name.yaml here)")
    Path output;

    @Option(names = "--hung-task", description = "seconds before the watchdog reports a wait (default 10)")
    int hungTask = 10;

    @Override
    public Integer call() throws IOException {
        String text;
        try {
            text = Files.readString(report, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(report + ": cannot read: " + e.getMessage(), e);
        }
        HangReport hr;
        try {
            hr = HangReport.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(report + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        Derivation d = new Derivation(hr, ModelFunctions.names());
        out.println("report: " + hr.format().name().toLowerCase(Locale.ROOT) + ", " + hr.tasks().size()
                + " blocked task(s)" + (hr.kernel().isEmpty() ? "" : ", kernel " + hr.kernel()
                + " (profile " + d.kernel() + ")"));
        for (Derivation.Mapped m : d.mapped()) {
            out.println("  " + m.task().name() + (m.task().pid().isEmpty() ? "" : ":" + m.task().pid()) + " -> "
                    + (m.role() == null ? "no operation recognised (left out)" : "thread " + m.thread() + ": "
                    + m.role().key) + "; frames mapped: " + (m.known().isEmpty() ? "none" : String.join(", ", m.known())));
            if (!m.unknown().isEmpty()) {
                out.println("    unknown frames: " + String.join(", ", m.unknown()));
            }
        }
        Set<String> locks = d.locks();
        out.println("waits on: " + (locks.isEmpty() ? "(the report names no lock)" : String.join(", ", locks)));
        if (d.mapped().stream().allMatch(m -> m.role() == null)) {
            throw new IllegalArgumentException(report + ": no blocked task's frames name an operation the model has");
        }
        Path file = output != null ? output : Path.of(report.getFileName().toString().replaceAll("\\.[^.]*$", "")
                + ".yaml");
        String name = slug(report.getFileName().toString());
        Scenario derived = d.scenario(name, Home.relative(file));
        List<String> kernels = d.kernel() == null
                ? Stream.of(KernelProfile.values()).map(KernelProfile::label).toList() : List.of(d.kernel().label());
        List<String> designs = new ArrayList<>();
        for (LockDesign ld : LockDesign.all()) {
            designs.add(ld.name());
            ld.withoutFixes().forEach(o -> designs.add(o.name()));
        }
        ScenarioRunner runner = new ScenarioRunner(Duration.ofSeconds(hungTask));
        Map<String, Sizes> variants = new LinkedHashMap<>();
        variants.put("as shipped", derived.sizes());
        variants.putAll(d.beforeFixes(derived.sizes()));
        Scenario written = null;
        boolean found = false;
        Path cacheRoot = Temp.dir();
        try {
            out.println("\nruns (real threads, detectors on):");
            for (Map.Entry<String, Sizes> v : variants.entrySet()) {
                Map<String, Set<Verdict>> expect = new LinkedHashMap<>();
                expect.put("*", EnumSet.of(Verdict.CLEAN));
                boolean reached = false;
                String[] first = {derived.design(), derived.kernel()};
                for (String design : designs) {
                    for (String kernel : kernels) {
                        Outcome o = runner.run(derived.with(v.getValue()).on(design, kernel), cacheRoot);
                        if (report(out, v.getKey(), o, locks) && !reached) {
                            reached = true;
                            first = new String[] {design, kernel};
                        }
                        if (o.verdict() != Verdict.CLEAN) {
                            expect.put(design + "@" + kernel, EnumSet.of(o.verdict()));
                        }
                    }
                }
                if (written == null || reached) {
                    written = derived.with(v.getValue()).on(first[0], first[1]).expecting(new Expect(expect));
                }
                if (reached) {
                    found = true;
                    break;
                }
            }
        } finally {
            Temp.delete(cacheRoot);
        }
        Files.writeString(file, ScenarioWriter.write(written), StandardCharsets.UTF_8);
        out.println("\nscenario written to " + file + " (replay: ./flushcheck run " + file + " --design D --kernel K)");
        out.println(found ? "the model reaches the reported hang" : "the model does not reach the reported hang");
        return found ? 0 : Main.UNEXPECTED;
    }

    /** Prints one run; true when it reaches a hang on the locks the report names. */
    private static boolean report(PrintWriter out, String variant, Outcome o, Set<String> locks) {
        Set<String> classes = new LinkedHashSet<>();
        o.findings().stream().filter(f -> HANGS.contains(f.verdict())).forEach(f -> classes.addAll(f.classes()));
        boolean hang = HANGS.contains(o.verdict());
        boolean same = hang && (locks.isEmpty() || classes.containsAll(locks));
        Finding worst = o.findings().isEmpty() ? null : o.findings().get(0);
        out.printf("  %-24s %-34s %-6s %-10s %s%n", variant, o.scenario().design(), o.scenario().kernel(),
                o.verdict(), !hang ? "" : (same ? "reaches the reported hang: " : "a different hang: ") + classes
                + (worst == null ? "" : " (" + worst.title() + ")"));
        return same;
    }

    private static String slug(String fileName) {
        String s = fileName.replaceAll("\\.[^.]*$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return "reproduced-" + (s.isEmpty() ? "report" : s);
    }
}
