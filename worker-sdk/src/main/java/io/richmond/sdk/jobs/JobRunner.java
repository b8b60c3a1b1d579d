package io.richmond.sdk.jobs;

import java.util.Map;

/**
 * The work behind one job queue ({@code runner = java!<class>}): a public class with a public constructor taking
 * nothing. It is given the raw message body, decoded by the runner itself so that the message format can change
 * without changing this interface, as rbit argued.
 *
 * <p>Report progress and the outcome with {@code setStatus}. A runner that throws is reported {@code Failed}; one that
 * returns without a final status ({@code Done}, {@code Failed} or {@code Blocked}) is reported {@code Done}. After
 * {@code Blocked}, the job is put back on its queue after the queue's {@code blocked_delay}. Called from
 * {@code concurrency} threads at once.
 */
@FunctionalInterface
public interface JobRunner {

    /**
     * @param settings the runner section's own keys (those Richmond reads, such as {@code runner}, left out), and
     *        {@code job_id}
     */
    void run(byte[] body, StatusCallback setStatus, Map<String, String> settings) throws Exception;
}
