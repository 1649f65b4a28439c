package org.flushcheck.scenario;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.flushcheck.afs.Faults;
import org.flushcheck.design.LockDesign;
import org.flushcheck.detect.Verdict;
import org.flushcheck.vm.KernelProfile;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a scenario file (format: {@code scenarios/README.md}). The YAML is composed into
 * nodes only, never into objects, so a file cannot make the parser build anything; every
 * value is checked here and every problem is one {@link ScenarioException} naming the file,
 * the line and the field. Nothing in a scenario names a host path.
 */
public final class ScenarioParser {

    /** The largest offset or size a scenario may name (64 MiB), to keep runs in memory. */
    static final long MAX_BYTES = 64L << 20;

    /**
     * The most bytes a scenario's operations may write, store and read in all (128 pages):
     * a page costs the explorer about a hundred scheduling steps, and a run longer than
     * {@link org.flushcheck.explore.Search#MAX_STEPS} is cut.
     */
    public static final long MAX_MOVED = 128L * 4096;

    /** The most scenario threads (each a task every schedule interleaves). */
    public static final int MAX_THREADS = 16;

    /** The most operations in all. */
    public static final int MAX_OPS = 256;

    private static final Set<String> TOP = Set.of("scenario", "story", "matches", "design", "kernel",
            "sizes", "fixes", "faults", "threads", "expect");
    private static final Set<String> SIZES = Set.of("memory_pages", "dirty_ratio", "background_ratio",
            "ratelimit_pages", "chunk_pages", "cache_chunks", "max_dirty_chunks", "fileserver_latency",
            "cache_on_tmpfs");
    private static final Set<String> FIXES = Set.of("truncate_daemon", "store_releases_leftovers");
    private static final Set<String> FAULT = Set.of("function", "errno", "skip", "times");
    private static final Set<String> THREAD = Set.of("name", "after", "ops");

    private final String source;

    private ScenarioParser(String source) {
        this.source = source;
    }

    /** Reads {@code file}; a missing or unreadable file is a ScenarioException too. */
    public static Scenario read(Path file) {
        return read(file, file.toString());
    }

    /** Reads {@code file}, naming it {@code source} in messages and in the scenario. */
    public static Scenario read(Path file, String source) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ScenarioException(source + ": cannot read: " + e.getMessage());
        }
        return parse(source, text);
    }

    /** Parses {@code text}, naming it {@code source} in messages. */
    public static Scenario parse(String source, String text) {
        return new ScenarioParser(source).scenario(compose(source, new StringReader(text)));
    }

    private static Node compose(String source, Reader in) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        try {
            Node root = new Yaml(options).compose(in);
            if (root == null) {
                throw new ScenarioException(source, 1, "scenario", "the file is empty");
            }
            return root;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new ScenarioException(source, line, "yaml", e.getProblem());
        } catch (YAMLException e) {
            throw new ScenarioException(source, 1, "yaml", e.getMessage());
        }
    }

    private Scenario scenario(Node root) {
        Map<String, Node> top = mapping(root, "scenario", TOP);
        String name = text(required(top, root, "scenario"), "scenario");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw error(top.get("scenario"), "scenario", "'" + name + "' is not a slug (a-z, 0-9, -)");
        }
        String design = top.containsKey("design") ? design(top.get("design"), "design") : "safe-deferred";
        String kernel = top.containsKey("kernel") ? kernel(top.get("kernel"), "kernel") : "2.6.32";
        Sizes sizes = sizes(top.get("sizes"), top.get("fixes"));
        List<Fault> faults = top.containsKey("faults") ? faults(top.get("faults")) : List.of();
        List<ThreadSpec> threads = threads(required(top, root, "threads"));
        Expect expect = top.containsKey("expect") ? expect(top.get("expect"))
                : Expect.everywhere(Verdict.CLEAN);
        return new Scenario(name, source, optionalText(top, "story"), optionalText(top, "matches"), design,
                kernel, sizes, faults, threads, expect);
    }

    private Sizes sizes(Node sizesNode, Node fixesNode) {
        Sizes d = Sizes.DEFAULTS;
        Map<String, Node> s = sizesNode == null ? Map.of() : mapping(sizesNode, "sizes", SIZES);
        Map<String, Node> f = fixesNode == null ? Map.of() : mapping(fixesNode, "fixes", FIXES);
        Sizes sizes = new Sizes(
                number(s, "memory_pages", "sizes", d.memoryPages(), 16, 1L << 24),
                (int) number(s, "dirty_ratio", "sizes", d.dirtyRatio(), 0, 100),
                (int) number(s, "background_ratio", "sizes", d.backgroundRatio(), 0, 100),
                (int) number(s, "ratelimit_pages", "sizes", d.ratelimitPages(), 1, 1 << 20),
                (int) number(s, "chunk_pages", "sizes", d.chunkPages(), 1, 1 << 12),
                (int) number(s, "cache_chunks", "sizes", d.cacheChunks(), 1, 1 << 16),
                (int) number(s, "max_dirty_chunks", "sizes", d.maxDirtyChunks(), 0, 1 << 16),
                (int) number(s, "fileserver_latency", "sizes", d.fileserverLatency(), 0, 1 << 24),
                bool(s, "cache_on_tmpfs", "sizes", d.cacheOnTmpfs()),
                bool(f, "truncate_daemon", "fixes", d.truncateDaemonFix()),
                bool(f, "store_releases_leftovers", "fixes", d.storeReleasesLeftovers()));
        try {
            sizes.afsConfig();
            sizes.vmConfig(KernelProfile.K2_6_32);
        } catch (IllegalArgumentException e) {
            throw error(sizesNode == null ? fixesNode : sizesNode, "sizes", e.getMessage());
        }
        return sizes;
    }

    private List<Fault> faults(Node node) {
        List<Fault> out = new ArrayList<>();
        for (Node item : sequence(node, "faults")) {
            Map<String, Node> m = mapping(item, "faults", FAULT);
            String function = text(required(m, item, "function"), "faults.function");
            if (!function.equals(Fault.STORE_DATA) && !Faults.INJECTABLE.containsKey(function)) {
                throw error(m.get("function"), "faults.function", "no fault can be injected into '"
                        + function + "'; injectable: " + Fault.STORE_DATA + ", "
                        + String.join(", ", Faults.INJECTABLE.keySet()));
            }
            String errno = m.containsKey("errno") ? text(m.get("errno"), "faults.errno") : "EIO";
            if (!Faults.ERRNO.containsKey(errno)) {
                throw error(m.get("errno"), "faults.errno", "unknown errno '" + errno + "'; known: "
                        + String.join(", ", Faults.ERRNO.keySet().stream().sorted().toList()));
            }
            int skip = (int) number(m, "skip", "faults", 0, 0, 1 << 20);
            int times = (int) number(m, "times", "faults", 1, 1, 1 << 20);
            if (function.equals(Fault.STORE_DATA) && times != 1) {
                throw error(m.get("times"), "faults.times", "the fileserver fails one StoreData at a time");
            }
            out.add(new Fault(function, errno, skip, times, line(item)));
        }
        return out;
    }

    private List<ThreadSpec> threads(Node node) {
        List<ThreadSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Node> items = sequence(node, "threads");
        if (items.isEmpty()) {
            throw error(node, "threads", "a scenario needs at least one thread");
        }
        if (items.size() > MAX_THREADS) {
            throw error(node, "threads", items.size() + " threads; a scenario has at most " + MAX_THREADS
                    + " (each one a task every schedule interleaves)");
        }
        int opsInAll = 0;
        long moved = 0;
        for (Node item : items) {
            Map<String, Node> m = mapping(item, "threads", THREAD);
            Node nameNode = required(m, item, "name");
            String name = text(nameNode, "threads.name");
            if (!name.matches("[A-Za-z][A-Za-z0-9_.-]{0,31}")) {
                throw error(nameNode, "threads.name", "'" + name + "' is not a task name (a letter, then"
                        + " letters, digits, _ . -; at most 32)");
            }
            if (!names.add(name)) {
                throw error(nameNode, "threads.name", "a second thread named '" + name + "'");
            }
            List<String> after = new ArrayList<>();
            if (m.containsKey("after")) {
                Node a = m.get("after");
                for (Node n : a instanceof ScalarNode ? List.of(a) : sequence(a, "threads.after")) {
                    String dep = text(n, "threads.after");
                    if (!names.contains(dep) || dep.equals(name)) {
                        throw error(n, "threads.after", "'" + dep + "' is not a thread declared before '"
                                + name + "'");
                    }
                    after.add(dep);
                }
            }
            List<Op> ops = new ArrayList<>();
            for (Node o : sequence(required(m, item, "ops"), "threads.ops")) {
                Op op = op(o);
                if (++opsInAll > MAX_OPS) {
                    throw error(o, "threads.ops", "more than " + MAX_OPS + " operations in all");
                }
                moved += op.args().getOrDefault("bytes", 0L);
                if (moved > MAX_MOVED) {
                    throw error(o, "threads.ops." + op.kind().key, "the operations move " + moved + " bytes by"
                            + " here; at most " + MAX_MOVED + " in all (" + MAX_MOVED / 4096 + " pages) fit the"
                            + " explorer's step bound");
                }
                ops.add(op);
            }
            out.add(new ThreadSpec(name, after, ops, line(item)));
        }
        for (ThreadSpec t : out) {
            for (Op op : t.ops()) {
                for (String other : op.threads().values()) {
                    if (!names.contains(other) || other.equals(t.name())) {
                        throw new ScenarioException(source, op.line(), "threads.ops.await", "'" + other
                                + "' is not another thread of the scenario");
                    }
                }
            }
        }
        return out;
    }

    private Op op(Node node) {
        String key;
        Node value;
        if (node instanceof ScalarNode s) {
            key = s.getValue();
            value = null;
        } else if (node instanceof MappingNode m && m.getValue().size() == 1) {
            key = text(m.getValue().get(0).getKeyNode(), "threads.ops");
            value = m.getValue().get(0).getValueNode();
        } else {
            throw error(node, "threads.ops", "an operation is a name or a one-key mapping"
                    + " (e.g. write: {file: 1, at: 0, bytes: 4096})");
        }
        Op.Kind kind = Op.Kind.of(key);
        if (kind == null) {
            throw error(node, "threads.ops", "unknown operation '" + key + "'; known: " + Op.Kind.keys());
        }
        String field = "threads.ops." + key;
        if (kind == Op.Kind.AWAIT) {
            return await(node, value, field);
        }
        if (kind.fields.isEmpty()) {
            if (value != null && !(value instanceof ScalarNode s && s.getValue().isEmpty())) {
                throw error(value, field, "takes no arguments");
            }
            return new Op(kind, Map.of(), Map.of(), line(node));
        }
        if (value == null) {
            throw error(node, field, "needs " + String.join(", ", kind.fields));
        }
        Map<String, Node> m = mapping(value, field, Set.copyOf(kind.fields));
        Map<String, Long> args = new LinkedHashMap<>();
        for (String f : kind.fields) {
            required(m, value, f);
            long min = f.equals("bytes") || f.equals("file") ? 1 : 0;
            args.put(f, number(m, f, field, 0, min, f.equals("file") ? 1 << 20 : MAX_BYTES));
        }
        return new Op(kind, args, Map.of(), line(node));
    }

    private Op await(Node node, Node value, String field) {
        if (value == null) {
            throw error(node, field, "needs one of " + Op.AWAIT_CONDITIONS);
        }
        Map<String, Node> m = mapping(value, field, Set.copyOf(Op.AWAIT_CONDITIONS));
        if (m.isEmpty()) {
            throw error(value, field, "needs one of " + Op.AWAIT_CONDITIONS);
        }
        Map<String, Long> args = new LinkedHashMap<>();
        Map<String, String> threads = new LinkedHashMap<>();
        if (m.containsKey("drain_waiters")) {
            args.put("drain_waiters", number(m, "drain_waiters", field, 1, 1, 1 << 20));
        }
        for (String c : List.of("blocked", "ended")) {
            if (m.containsKey(c)) {
                threads.put(c, text(m.get(c), field + "." + c));
            }
        }
        return new Op(Op.Kind.AWAIT, args, threads, line(node));
    }

    private Expect expect(Node node) {
        Map<String, Set<Verdict>> out = new LinkedHashMap<>();
        for (NodeTuple t : mappingTuples(node, "expect")) {
            String selector = text(t.getKeyNode(), "expect");
            if (!selector.equals("*")) {
                int at = selector.indexOf('@');
                if (at != 0) {
                    design(t.getKeyNode(), at < 0 ? selector : selector.substring(0, at), "expect");
                }
                if (at >= 0) {
                    kernel(t.getKeyNode(), selector.substring(at + 1), "expect");
                }
            }
            Set<Verdict> verdicts = EnumSet.noneOf(Verdict.class);
            Node value = t.getValueNode();
            String field = "expect." + selector;
            for (Node n : value instanceof ScalarNode ? List.of(value) : sequence(value, field)) {
                String v = text(n, field).trim();
                if (v.equals("ANY") || v.contains("|")) {
                    throw error(n, field, "'" + v + "' hedges: name the exact set of verdicts the cell reaches,"
                            + " e.g. [CLEAN, DEADLOCK]");
                }
                try {
                    verdicts.add(Verdict.valueOf(v));
                } catch (IllegalArgumentException e) {
                    throw error(n, field, "unknown verdict '" + v + "'; known: " + List.of(Verdict.values()));
                }
            }
            out.put(selector, verdicts);
        }
        return new Expect(out);
    }

    private String design(Node node, String field) {
        return design(node, text(node, field), field);
    }

    private String design(Node node, String name, String field) {
        return known(node, field, () -> LockDesign.named(name).name());
    }

    private String kernel(Node node, String field) {
        return kernel(node, text(node, field), field);
    }

    private String kernel(Node node, String label, String field) {
        return known(node, field, () -> KernelProfile.named(label).label());
    }

    /** A name looked up in the model: its IllegalArgumentException becomes this file's line. */
    private String known(Node node, String field, Supplier<String> lookup) {
        try {
            return lookup.get();
        } catch (IllegalArgumentException e) {
            throw error(node, field, e.getMessage());
        }
    }

    private Map<String, Node> mapping(Node node, String field, Set<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mappingTuples(node, field)) {
            String key = text(t.getKeyNode(), field);
            if (!allowed.contains(key)) {
                throw error(t.getKeyNode(), field, "unknown field '" + key + "'; known: "
                        + allowed.stream().sorted().toList());
            }
            out.put(key, t.getValueNode());
        }
        return out;
    }

    private List<NodeTuple> mappingTuples(Node node, String field) {
        if (!(node instanceof MappingNode m)) {
            throw error(node, field, "expected a mapping (key: value lines)");
        }
        return m.getValue();
    }

    private List<Node> sequence(Node node, String field) {
        if (!(node instanceof SequenceNode s)) {
            throw error(node, field, "expected a list (- item lines)");
        }
        return s.getValue();
    }

    private Node required(Map<String, Node> m, Node parent, String key) {
        Node n = m.get(key);
        if (n == null) {
            throw error(parent, key, "missing");
        }
        return n;
    }

    private String text(Node node, String field) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, field, "expected a single value");
        }
        return s.getValue();
    }

    private String optionalText(Map<String, Node> m, String key) {
        return m.containsKey(key) ? text(m.get(key), key).strip() : "";
    }

    private long number(Map<String, Node> m, String key, String field, long otherwise, long min, long max) {
        Node n = m.get(key);
        if (n == null) {
            return otherwise;
        }
        String v = text(n, field + "." + key);
        long value;
        try {
            value = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw error(n, field + "." + key, "'" + v + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw error(n, field + "." + key, value + " is out of range " + min + ".." + max);
        }
        return value;
    }

    private boolean bool(Map<String, Node> m, String key, String field, boolean otherwise) {
        Node n = m.get(key);
        if (n == null) {
            return otherwise;
        }
        String v = text(n, field + "." + key);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(n, field + "." + key, "'" + v + "' is not true or false");
        };
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private ScenarioException error(Node node, String field, String problem) {
        return new ScenarioException(source, node == null ? 1 : line(node), field, problem);
    }
}
