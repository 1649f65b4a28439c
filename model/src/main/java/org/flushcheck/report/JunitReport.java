package org.flushcheck.report;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.flushcheck.detect.Finding;
import org.flushcheck.scenario.Expect;
import org.flushcheck.scenario.Outcome;
import org.flushcheck.scenario.Scenario;

/**
 * {@code verify --junit FILE}: the run as JUnit XML (the Ant/Surefire dialect CI servers
 * read). One {@code <testsuite>} per scenario, one {@code <testcase>} per cell (classname
 * the scenario, name {@code design @ kernel}); a cell not as expected ({@link Cell#asExpected}:
 * an explored cell whose reached set is not exactly the expected one) is a {@code <failure>}
 * whose message says what was reached and expected, and whose text lists the
 * findings and the command that reproduces the run. No times: the run's duration says
 * nothing about a verdict, and the file stays comparable between runs.
 */
public final class JunitReport {

    private JunitReport() {
    }

    public static String render(List<Cell> cells, Distinct.CommandLine command) {
        Map<String, List<Cell>> suites = new LinkedHashMap<>();
        cells.forEach(c -> suites.computeIfAbsent(c.worst().scenario().name(), k -> new ArrayList<>()).add(c));
        StringWriter w = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "flushcheck verify");
            x.writeAttribute("tests", Integer.toString(cells.size()));
            x.writeAttribute("failures", Long.toString(failures(cells)));
            x.writeAttribute("errors", "0");
            for (Map.Entry<String, List<Cell>> e : suites.entrySet()) {
                suite(x, e.getKey(), e.getValue(), command);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render JUnit XML", e);
        }
        return w.toString();
    }

    private static void suite(XMLStreamWriter x, String name, List<Cell> cells, Distinct.CommandLine command)
            throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", name);
        x.writeAttribute("tests", Integer.toString(cells.size()));
        x.writeAttribute("failures", Long.toString(failures(cells)));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", "0");
        for (Cell c : cells) {
            Outcome o = c.worst();
            Scenario s = o.scenario();
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("classname", name);
            x.writeAttribute("name", s.design() + " @ " + s.kernel());
            x.writeAttribute("file", s.source());
            if (!c.asExpected()) {
                x.writeCharacters("\n      ");
                x.writeStartElement("failure");
                x.writeAttribute("type", "unexpected verdict");
                x.writeAttribute("message", Expect.spell(c.reached()) + ", expected " + Expect.spell(c.expected()));
                x.writeCharacters(xml(detail(c, command)));
                x.writeEndElement();
            }
            x.writeCharacters("\n      ");
            x.writeStartElement("system-out");
            x.writeCharacters(xml("reached " + Expect.spell(c.reached()) + " (expected "
                    + Expect.spell(c.expected()) + "); bounds: " + c.bound()
                    + (o.findings().isEmpty() ? "" : "; pages: " + String.join(", ", FindingsTree.pages(o)))));
            x.writeEndElement();
            x.writeCharacters("\n    ");
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static String detail(Cell c, Distinct.CommandLine command) {
        Outcome o = c.worst();
        StringBuilder b = new StringBuilder("reproduce: ").append(command.reproduce(o)).append('\n');
        b.append("bounds: ").append(c.bound()).append('\n');
        for (Finding f : o.findings()) {
            b.append(f.verdict()).append(": ").append(f.title()).append(" (").append(Distinct.fileName(o, f))
                    .append(")\n");
        }
        if (!o.findings().isEmpty()) {
            b.append('\n').append(o.findings().get(0).report().strip()).append('\n');
        }
        return b.toString();
    }

    private static long failures(List<Cell> cells) {
        return cells.stream().filter(c -> !c.asExpected()).count();
    }

    /** Drops the characters XML 1.0 cannot carry. */
    private static String xml(String s) {
        return s.replaceAll("[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]", "?");
    }
}
