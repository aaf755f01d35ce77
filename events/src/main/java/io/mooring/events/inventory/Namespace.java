package io.mooring.events.inventory;

import java.util.Map;

/** A namespace with the pods it holds and what they request in total. */
public record Namespace(String name, String phase, Map<String, String> labels, int pods, Resources requests) {
}
