package org.flushcheck.cli;

import java.util.concurrent.Callable;
import org.flushcheck.design.LockDesign;
import org.flushcheck.report.LockingPage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flushcheck explain DESIGN}: the design's lock order tree and locking table. */
@Command(name = "explain", description = "Prints a design's declared lock order and locking table.")
final class ExplainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DESIGN", description = "a design name (flushcheck designs)")
    String design;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(LockingPage.render(LockDesign.named(design)));
        return 0;
    }
}
