package org.flushcheck.report;

import org.flushcheck.design.LockDesign;

/** A design's {@code findings/DESIGN/LOCKING.md}: its declared lock order and its locking table. */
public final class LockingPage {

    private LockingPage() {
    }

    public static String render(LockDesign d) {
        return "# " + d.name() + ": locking\n\n" + d.summary() + "\n\n"
                + "## Lock order\n\nDeclared as data by the design (`lockOrder()`); an observed dependency"
                + " against it is an ORDER_VIOLATION finding.\n\n```\n" + d.lockOrder().render() + "```\n\n"
                + "## Locking table\n\nWhat each entry point holds on entry (`held`) and takes (`takes`);"
                + " `DesignContractTest` fails when the code and the table disagree.\n\n"
                + d.lockingTable().render();
    }
}
