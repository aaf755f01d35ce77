package io.mooring.events.inventory;

/** A quantity of compute: CPU in millicores, memory in bytes, whole GPUs and a pod count. */
public record Resources(long cpuMillis, long memoryBytes, long gpus, long pods) {
    public static final Resources NONE = new Resources(0, 0, 0, 0);
}
