package io.richmond.api.callback;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.richmond.api.web.ApiDates;
import tools.jackson.databind.json.JsonMapper;

/** Makes callback jobs: stored in the caller's transaction, published once it committed. */
@Service
public class CallbackJobs {

    private final CallbackTargets targets;
    private final CallbackJobRepository jobs;
    private final JsonMapper mapper;

    CallbackJobs(CallbackTargets targets, CallbackJobRepository jobs, JsonMapper mapper) {
        this.targets = targets;
        this.jobs = jobs;
        this.mapper = mapper;
    }

    /**
     * A job for the account's URLs of {@code name}, in the outbox; none when the account has no such URL, as
     * there would be no one to call.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<CallbackJobRecord> enqueue(long accountId, CallbackName name, Map<String, String> fields) {
        List<CallbackJob.Target> targets = this.targets.of(accountId, name);
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String id = UUID.randomUUID().toString().replace("-", "");
        CallbackJob job = new CallbackJob(id, accountId, name.value(), targets, fields, ApiDates.format(now));
        return Optional.of(jobs.save(new CallbackJobRecord(id, accountId, mapper.writeValueAsString(job), now)));
    }
}
