package org.flushcheck.lincheck;

import org.flushcheck.sync.AtomicSteps;
import org.jetbrains.lincheck.util.AnalysisSectionsKt;

/**
 * The sync layer's atomic steps as Lincheck ignored sections: no events are tracked and
 * no thread switch is placed inside a step, so Lincheck spends its switch points on the
 * model code between steps and on the parks and unparks around them. Safe because a
 * step never blocks and never parks, and its unparks run after it (see {@link AtomicSteps}).
 * A thread Lincheck does not track is unaffected.
 */
final class IgnoredSections implements AtomicSteps.Marker {

    /** Runs {@code body} outside Lincheck's analysis (no events, no switch, nothing restored). */
    static void run(Runnable body) {
        AnalysisSectionsKt.enterIgnoredSection();
        try {
            body.run();
        } finally {
            AnalysisSectionsKt.leaveIgnoredSection();
        }
    }

    @Override
    public void enter() {
        AnalysisSectionsKt.enterIgnoredSection();
    }

    @Override
    public void leave() {
        AnalysisSectionsKt.leaveIgnoredSection();
    }
}
