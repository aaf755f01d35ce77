package io.mooring.cost.domain;

/** What a cost line is for. */
public enum LineKind {
    /** A workload's share of a node. */
    ALLOCATION,
    /** The part of a node no workload requested or used. */
    IDLE,
    /** A PersistentVolumeClaim's size at the storage rate. */
    STORAGE
}
