/**
 * The add-on contract between addon-service and the cluster agent's applier, over HTTP:
 * <ul>
 * <li>{@code GET /api/v1/agent/addons} answers a {@link DesiredState} (with an {@code ETag}; send it back as
 * {@code If-None-Match} and the answer is {@code 304 Not Modified} while nothing changed);</li>
 * <li>{@code POST /api/v1/agent/addons/status} takes a {@link StatusReport} and answers a {@link StatusReportResult}.</li>
 * </ul>
 * Both use the agent's own token; the cluster is the token's subject. Every object the agent applies carries the
 * {@link AddonLabels}, which is how it recognises what it owns.
 */
package io.mooring.events.addons;
