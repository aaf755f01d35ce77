package io.mooring.addon.support;

/** "Billion laughs": small YAML that expands enormously through aliases, within SnakeYAML's own alias count. */
public final class Bombs {

    private Bombs() {
    }

    /**
     * A mapping of about 2 KB whose key {@code top} expands to 10 × 2^{@code levels} scalars of 100 characters
     * each (24 levels: 168 million scalars, 16 GB of text), using 2 × levels + 1 aliases to collections (49 for
     * 24, under SnakeYAML's limit of 50).
     */
    public static String laughs(int levels, String indent) {
        StringBuilder yaml = new StringBuilder();
        yaml.append(indent).append("l0: &l0 \"").append("ha".repeat(50)).append("\"\n");
        yaml.append(indent).append("l1: &l1 [").append("*l0, ".repeat(9)).append("*l0]\n");
        for (int i = 2; i <= levels + 1; i++) {
            yaml.append(indent).append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1)
                    .append(", *l").append(i - 1).append("]\n");
        }
        yaml.append(indent).append("top: *l").append(levels + 1).append('\n');
        return yaml.toString();
    }
}
