package org.flushcheck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flushcheck.report.Cell;
import org.flushcheck.report.Distinct;
import org.flushcheck.report.JsonSummary;
import org.flushcheck.report.JunitReport;
import picocli.CommandLine.Option;

/** {@code verify}'s machine-readable outputs for CI (a picocli mixin): JUnit XML and a JSON summary. */
final class CiOutputs {

    @Option(names = {"--junit", "--junit-xml"}, paramLabel = "FILE",
            description = "also write JUnit XML: a testcase per scenario x design x kernel, a failure per unexpected verdict")
    Path junit;

    @Option(names = "--json", paramLabel = "FILE",
            description = "also write a JSON summary: cells with verdicts, expected verdicts and finding pages (docs/ci/)")
    Path json;

    /** Refuses an output that cannot be a file, before anything runs. */
    void check() {
        for (Path p : new Path[] {junit, json}) {
            if (p == null) {
                continue;
            }
            if (Files.isDirectory(p)) {
                throw new IllegalArgumentException(p + " is a directory, not a file to write");
            }
            Path parent = p.toAbsolutePath().getParent();
            if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
                throw new IllegalArgumentException("cannot write " + p + ": " + parent + " is not a directory");
            }
            if (Files.exists(p) && !Files.isWritable(p)) {
                throw new IllegalArgumentException("cannot write " + p + ": permission denied");
            }
        }
    }

    /** Writes whichever was asked for. */
    void write(List<Cell> cells, List<Distinct> distinct, Path findingsDir) {
        if (junit != null) {
            write(junit, JunitReport.render(cells, VerifyCommand::command));
        }
        if (json != null) {
            write(json, JsonSummary.render(cells, distinct, Version.number(), Home.relative(findingsDir)));
        }
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("cannot write " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
