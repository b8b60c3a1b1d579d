package io.richmond.api.callback;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate jdbc;

    /** A callback that something stored in the caller's transaction calls for. */
    public record Callback(long accountId, CallbackName name, Map<String, String> fields) {
    }

    CallbackJobs(CallbackTargets targets, CallbackJobRepository jobs, JsonMapper mapper, JdbcTemplate jdbc) {
        this.targets = targets;
        this.jobs = jobs;
        this.mapper = mapper;
        this.jdbc = jdbc;
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

    /**
     * What {@link #enqueue} makes, for many callbacks in one batch of inserts: one answer per callback, in order,
     * empty when its account has no URL of its name.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Optional<CallbackJobRecord>> enqueueAll(List<Callback> callbacks) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Optional<CallbackJobRecord>> made = new ArrayList<>(callbacks.size());
        List<Object[]> rows = new ArrayList<>();
        for (Callback callback : callbacks) {
            List<CallbackJob.Target> targets = this.targets.of(callback.accountId(), callback.name());
            if (targets.isEmpty()) {
                made.add(Optional.empty());
                continue;
            }
            String id = UUID.randomUUID().toString().replace("-", "");
            String payload = mapper.writeValueAsString(new CallbackJob(id, callback.accountId(),
                    callback.name().value(), targets, callback.fields(), ApiDates.format(now)));
            made.add(Optional.of(new CallbackJobRecord(id, callback.accountId(), payload, now)));
            rows.add(new Object[] {id, callback.accountId(), payload, Timestamp.from(now)});
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("insert into callback_job (id, account_id, payload, created_at) values (?, ?, ?, ?)",
                    rows);
        }
        return made;
    }
}
