package io.mooring.events.inventory;

/** A PersistentVolumeClaim and the storage it asks for. */
public record Volume(String namespace, String name, String storageClass, long sizeBytes, String phase) {
}
