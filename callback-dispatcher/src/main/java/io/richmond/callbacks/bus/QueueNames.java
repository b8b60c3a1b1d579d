package io.richmond.callbacks.bus;

/**
 * The dispatcher's queues, each also its routing key on the exchange. Only {@code callbacks.jobs} is shared with
 * api-service (the job JSON is the contract); the others are the dispatcher's own.
 */
public record QueueNames(String prefix) {

    /** Jobs from api-service: one per event, any number of URLs. */
    public String jobs() {
        return prefix + "callbacks.jobs";
    }

    /** One-URL jobs: a job's fan-out and every retry. */
    public String deliveries() {
        return prefix + "callbacks.deliveries";
    }

    /** Deliveries that gave up; nothing consumes it, so they stay for operators to see. */
    public String dead() {
        return prefix + "callbacks.dead";
    }

    public String retry(long delayMillis) {
        return deliveries() + ".retry." + delayMillis;
    }
}
