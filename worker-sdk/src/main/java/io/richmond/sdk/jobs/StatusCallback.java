package io.richmond.sdk.jobs;

/** rbit's {@code set_status}: reports how a job is going; may be called any number of times while the job runs. */
@FunctionalInterface
public interface StatusCallback {

    void setStatus(JobStatus status, String text);
}
