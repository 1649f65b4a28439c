package org.flushcheck.cli;

import java.util.concurrent.Callable;
import org.flushcheck.design.LockDesign;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flushcheck designs}: every design on the class path, with its older releases. */
@Command(name = "designs", description = "Lists the lock designs (built-in, user, and earlier releases).")
final class DesignsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (LockDesign d : LockDesign.all()) {
            spec.commandLine().getOut().printf("%-34s %s%n", d.name(), d.summary());
            for (LockDesign old : d.withoutFixes()) {
                spec.commandLine().getOut().printf("  %-32s %s%n", old.name(), "the same before its fix");
            }
        }
        return 0;
    }
}
