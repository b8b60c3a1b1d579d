package io.richmond.sdk.jobs;

import io.richmond.sdk.message.StatusEvent;

/**
 * PyBit's job statuses, as rbit used them. Each is published as a Vumi {@code status_event} whose {@code type} is
 * the status's name and whose {@code status} is its health.
 */
public enum JobStatus {
    /** Work has started (a runner may report it more than once, to say how far it got). */
    BUILDING("Building", StatusEvent.Status.OK),
    DONE("Done", StatusEvent.Status.OK),
    /** The job cannot be done; it is not retried. */
    FAILED("Failed", StatusEvent.Status.DOWN),
    /** The job cannot be done yet (a dependency is missing): it is put back on its queue after a delay. */
    BLOCKED("Blocked", StatusEvent.Status.DEGRADED);

    private final String wireName;
    private final StatusEvent.Status health;

    JobStatus(String wireName, StatusEvent.Status health) {
        this.wireName = wireName;
        this.health = health;
    }

    /** The name on the bus, e.g. {@code Building}. */
    public String wireName() {
        return wireName;
    }

    public StatusEvent.Status health() {
        return health;
    }

    /** Whether the status ends the job's current run. */
    public boolean isFinal() {
        return this != BUILDING;
    }
}
