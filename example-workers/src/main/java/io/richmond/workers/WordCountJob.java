package io.richmond.workers;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.richmond.sdk.jobs.JobRunner;
import io.richmond.sdk.jobs.JobStatus;
import io.richmond.sdk.jobs.StatusCallback;

/**
 * Counts the words of a job's body (UTF-8 text). An empty body is {@code Failed}: there is nothing to count. The
 * {@code unit} setting names what is counted in the {@code Done} text ({@code words} by default).
 */
public class WordCountJob implements JobRunner {

    @Override
    public void run(byte[] body, StatusCallback setStatus, Map<String, String> settings) {
        setStatus.setStatus(JobStatus.BUILDING, "counting " + body.length + " bytes");
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            setStatus.setStatus(JobStatus.FAILED, "the job has no text to count");
            return;
        }
        int words = text.split("\\s+").length;
        setStatus.setStatus(JobStatus.DONE, words + " " + settings.getOrDefault("unit", "words"));
    }
}
