package org.flushcheck.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.flushcheck.detect.Verdict;
import org.flushcheck.scenario.Outcome;
import org.flushcheck.scenario.Scenario;

/**
 * {@code verify --json FILE}: the run as JSON for CI, Jackson's streaming writer. The
 * schema is {@code docs/ci/README.md}'s: {@code summary} (runs, unexpected, findings),
 * {@code cells} (one per scenario x design x kernel: the worst verdict, every verdict
 * reached, the verdicts expected there, whether the cell is as expected ({@link Cell#asExpected}),
 * the bound, the pages of its findings, worst first) and
 * {@code findings} (one per distinct finding: id, page, verdict, lock classes, kernels,
 * the command that reproduces it). Field order is fixed; nothing depends on the host.
 */
public final class JsonSummary {

    /** Bumped when a field changes meaning or goes away (new fields do not bump it). */
    public static final int SCHEMA = 1;

    private JsonSummary() {
    }

    /**
     * The summary of a run.
     *
     * @param version     the flushcheck version that ran
     * @param findingsDir where the finding pages were written, as the user named it
     */
    public static String render(List<Cell> cells, List<Distinct> distinct, String version,
            String findingsDir) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schema", SCHEMA);
            g.writeStringField("tool", "flushcheck");
            g.writeStringField("version", version);
            g.writeStringField("findingsDir", findingsDir);
            g.writeObjectFieldStart("summary");
            g.writeNumberField("runs", cells.size());
            g.writeNumberField("unexpected", cells.stream().filter(c -> !c.asExpected()).count());
            g.writeNumberField("findings", distinct.size());
            g.writeEndObject();
            g.writeArrayFieldStart("cells");
            for (Cell c : cells) {
                cell(g, c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (Distinct d : distinct) {
                finding(g, d);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render JSON", e);
        }
        return w + "\n";
    }

    private static void cell(JsonGenerator g, Cell c) throws IOException {
        Outcome o = c.worst();
        Scenario s = o.scenario();
        g.writeStartObject();
        g.writeStringField("scenario", s.name());
        g.writeStringField("source", s.source());
        g.writeStringField("design", s.design());
        g.writeStringField("kernel", s.kernel());
        g.writeStringField("verdict", o.verdict().name());
        strings(g, "reached", c.reached().stream().sorted().map(Verdict::name).toList());
        strings(g, "expected", c.expected().stream().sorted().map(Verdict::name).toList());
        g.writeBooleanField("asExpected", c.asExpected());
        g.writeStringField("bounds", c.bound());
        strings(g, "findings", FindingsTree.pages(o));
        g.writeEndObject();
    }

    private static void finding(JsonGenerator g, Distinct d) throws IOException {
        Scenario s = d.first().scenario();
        g.writeStartObject();
        g.writeStringField("id", d.id());
        g.writeStringField("file", d.fileName());
        g.writeStringField("verdict", d.finding().verdict().name());
        g.writeStringField("scenario", s.name());
        g.writeStringField("design", s.design());
        strings(g, "kernels", d.kernels());
        strings(g, "lockClasses", Distinct.classes(d.finding()));
        g.writeStringField("title", d.finding().title().replaceAll("/\\d+", ""));
        g.writeStringField("reproduce", d.command());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
