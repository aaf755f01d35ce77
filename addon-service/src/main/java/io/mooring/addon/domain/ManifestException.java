package io.mooring.addon.domain;

/**
 * A manifest that is not a valid Kubernetes object: {@code document} is 1-based among the YAML documents
 * ({@code ---}-separated), {@code line} 1-based in the whole text (0 when unknown).
 */
public class ManifestException extends Exception {

    private final int document;
    private final int line;
    private final String reason;

    public ManifestException(int document, int line, String reason) {
        super("document " + document + (line > 0 ? " (line " + line + ")" : "") + ": " + reason);
        this.document = document;
        this.line = line;
        this.reason = reason;
    }

    public int document() {
        return document;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
