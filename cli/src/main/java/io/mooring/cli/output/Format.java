package io.mooring.cli.output;

/** How a command prints its answer: a table for people, JSON or YAML for scripts; CSV only where a command says. */
public enum Format {
    TABLE, JSON, YAML, CSV
}
