package io.mooring.events.capability;

/** Whether one operation is allowed on a cluster and, when it is not, why (the text every service answers). */
public record Capability(String operation, boolean allowed, String reason) {
}
