package io.mooring.addon.domain;

import java.io.StringReader;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The one way addon-service reads YAML (and value trees) it did not write: values, manifests, what Helm rendered,
 * chart repository indexes. SnakeYAML's own limits (text length, nesting, aliases to collections, no recursive
 * keys, no duplicate keys) bound the parse; they do not bound what the document <em>expands</em> to, because an
 * alias to a scalar is free and fifty aliases to collections can still double a tree fifty times ("billion
 * laughs"). Everything after the parse (copies, JSON, Helm) walks the expanded tree, so the composed node graph is
 * measured before anything is constructed: every alias counted as the whole subtree it stands for (memoised, so the
 * measuring itself stays linear), the expanded depth included, cycles refused.
 */
public final class BoundedYaml {

    /** Deepest nesting of mappings and sequences, after aliases are expanded. Real charts stay far below. */
    public static final int MAX_DEPTH = 64;
    /** Aliases to collections in one document (SnakeYAML counts only these). */
    public static final int MAX_ALIASES = 50;

    private final int codePointLimit;
    private final long maxNodes;
    private final long maxChars;

    /**
     * @param codePointLimit largest text read
     * @param maxNodes       most mapping entries, sequence items and scalars the text may expand to
     * @param maxChars       most characters of scalars the text may expand to
     */
    public BoundedYaml(int codePointLimit, long maxNodes, long maxChars) {
        this.codePointLimit = Math.max(codePointLimit, 1024);
        this.maxNodes = maxNodes;
        this.maxChars = maxChars;
    }

    /** Chart values given as text (a request body is at most a few MB; values never need more than this). */
    public static BoundedYaml forValues() {
        return new BoundedYaml(4 * 1024 * 1024, 200_000, 8L * 1024 * 1024);
    }

    /** YAML is bounded; the reason says which bound and is meant for the caller. */
    public static final class TooLargeException extends YAMLException {
        public TooLargeException(String message) {
            super(message);
        }
    }

    /** What the documents read so far have expanded to; one budget spans every document of a text. */
    public static final class Budget {
        private long nodes;
        private long chars;
    }

    public LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(codePointLimit);
        return options;
    }

    /** A parser over {@code constructor}, which must have been made with {@link #options()}. */
    public Yaml yaml(SafeConstructor constructor) {
        LoaderOptions options = options();
        return new Yaml(constructor, new Representer(new DumperOptions()), new DumperOptions(), options,
                new Resolver());
    }

    /** The composed documents of a multi-document text, each to be {@link #check checked} before it is built. */
    public Iterator<Node> composeAll(Yaml yaml, String text) {
        return yaml.composeAll(new StringReader(text == null ? "" : text)).iterator();
    }

    /**
     * Reads one document into plain Java values (maps, lists, scalars), timestamps and binary kept as text when
     * {@code keepText}. Throws {@link YAMLException} (a {@link TooLargeException} for a bound) when it cannot.
     */
    public Object load(String text, boolean keepText) {
        Constructor constructor = new Constructor(options(), keepText);
        Node node = yaml(constructor).compose(new StringReader(text == null ? "" : text));
        if (node == null) {
            return null;
        }
        check(node, new Budget());
        return constructor.construct(node);
    }

    /** Refuses a document whose expansion (through its aliases) goes beyond the bounds. */
    public void check(Node root, Budget budget) {
        long[] size = measure(root, new IdentityHashMap<>(), 1);
        budget.nodes += size[0];
        budget.chars += size[1];
        if (budget.nodes > maxNodes) {
            throw new TooLargeException("expands to more than " + maxNodes + " values (through its aliases)");
        }
        if (budget.chars > maxChars) {
            throw new TooLargeException("expands to more than " + maxChars + " characters (through its aliases)");
        }
    }

    private static final long[] IN_PROGRESS = new long[0];

    /** {nodes, chars, height} of the expanded subtree. */
    private long[] measure(Node node, IdentityHashMap<Node, long[]> memo, int level) {
        long[] known = memo.get(node);
        if (known == IN_PROGRESS) {
            throw new TooLargeException("refers to itself through an alias (a recursive structure)");
        }
        if (known != null) {
            if (level + known[2] - 1 > MAX_DEPTH) {
                throw tooDeep();
            }
            return known;
        }
        if (level > MAX_DEPTH) {
            throw tooDeep();
        }
        memo.put(node, IN_PROGRESS);
        long nodes = 1;
        long chars = 0;
        long height = 1;
        if (node instanceof ScalarNode scalar) {
            chars = scalar.getValue().length();
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                long[] child = measure(item, memo, level + 1);
                nodes += child[0];
                chars += child[1];
                height = Math.max(height, child[2] + 1);
                checkRunning(nodes, chars);
            }
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                long[] key = measure(tuple.getKeyNode(), memo, level + 1);
                long[] value = measure(tuple.getValueNode(), memo, level + 1);
                nodes += key[0] + value[0];
                chars += key[1] + value[1];
                height = Math.max(height, Math.max(key[2], value[2]) + 1);
                checkRunning(nodes, chars);
            }
        }
        long[] size = {nodes, chars, height};
        memo.put(node, size);
        return size;
    }

    private void checkRunning(long nodes, long chars) {
        if (nodes > maxNodes) {
            throw new TooLargeException("expands to more than " + maxNodes + " values (through its aliases)");
        }
        if (chars > maxChars) {
            throw new TooLargeException("expands to more than " + maxChars + " characters (through its aliases)");
        }
    }

    private static TooLargeException tooDeep() {
        return new TooLargeException("is nested more than " + MAX_DEPTH + " levels deep");
    }

    /**
     * Bounds a tree of values that came as JSON (maps, lists, scalars): the same depth and size limits as YAML, so
     * a value cannot be deeper or larger for having been sent as JSON. Throws {@link TooLargeException}.
     */
    public void checkTree(Object value) {
        long[] totals = new long[2];
        walk(value, 1, totals);
    }

    private void walk(Object value, int level, long[] totals) {
        if (level > MAX_DEPTH) {
            throw tooDeep();
        }
        totals[0]++;
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                totals[1] += String.valueOf(entry.getKey()).length();
                walk(entry.getValue(), level + 1, totals);
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                walk(item, level + 1, totals);
            }
        } else if (value instanceof String text) {
            totals[1] += text.length();
        }
        checkRunning(totals[0], totals[1]);
    }

    /** The safe constructor (plain Java values only); with {@code keepText}, timestamps and binary stay text. */
    public static final class Constructor extends SafeConstructor {

        public Constructor(LoaderOptions options, boolean keepText) {
            super(options);
            if (keepText) {
                this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
                this.yamlConstructors.put(Tag.BINARY, new ConstructYamlStr());
            }
        }

        public Object construct(Node node) {
            return constructDocument(node);
        }
    }
}
