package io.mooring.addon.service;

/**
 * A chart that could not be obtained ({@code fetch}) or that Helm refused to render; the message is the
 * reason as the caller should read it (Helm's own words for rendering failures).
 */
public class ChartException extends RuntimeException {

    private final boolean fetch;
    private final boolean timeout;

    private ChartException(String message, boolean fetch, boolean timeout) {
        super(message);
        this.fetch = fetch;
        this.timeout = timeout;
    }

    public static ChartException fetch(String message) {
        return new ChartException(message, true, false);
    }

    public static ChartException render(String message) {
        return new ChartException(message, false, false);
    }

    /** Helm did not finish within the render timeout. */
    public static ChartException timeout(String message) {
        return new ChartException(message, false, true);
    }

    /** True when the rendering ran out of time (as opposed to: Helm refused the chart). */
    public boolean isTimeout() {
        return timeout;
    }

    /** True when the chart could not be downloaded (as opposed to: it did not render). */
    public boolean isFetch() {
        return fetch;
    }
}
