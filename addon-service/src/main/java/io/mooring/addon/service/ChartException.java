package io.mooring.addon.service;

/**
 * A chart that could not be obtained ({@code fetch}) or that Helm refused to render; the message is the
 * reason as the caller should read it (Helm's own words for rendering failures).
 */
public class ChartException extends RuntimeException {

    private final boolean fetch;

    private ChartException(String message, boolean fetch) {
        super(message);
        this.fetch = fetch;
    }

    public static ChartException fetch(String message) {
        return new ChartException(message, true);
    }

    public static ChartException render(String message) {
        return new ChartException(message, false);
    }

    /** True when the chart could not be downloaded (as opposed to: it did not render). */
    public boolean isFetch() {
        return fetch;
    }
}
