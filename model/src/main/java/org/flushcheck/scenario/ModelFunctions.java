package org.flushcheck.scenario;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of the model's mirrored C functions: the static methods of the classes that
 * hold the C bodies (they keep their C names), so a frame of a hang report that names one
 * maps straight to the model.
 */
public final class ModelFunctions {

    private static final List<String> HOMES = List.of("vm.Filemap", "vm.PageWriteback", "vm.Vmscan",
            "vm.Truncate", "vm.FsSync", "vm.FsWriteback", "vm.Flusher", "vm.Kswapd", "afs.AfsVnodeOps",
            "afs.AfsPageOps", "afs.AfsDcache", "afs.AfsSegments", "afs.AfsVnopWrite", "afs.OsiVm",
            "afs.AfsPageWriters", "afs.AfsDaemons");

    private ModelFunctions() {
    }

    public static Set<String> names() {
        Set<String> out = new TreeSet<>();
        for (String home : HOMES) {
            Class<?> c;
            try {
                c = Class.forName("org.flushcheck." + home);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("a home of mirrored functions moved: " + home, e);
            }
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
                    out.add(m.getName());
                }
            }
        }
        return out;
    }
}
