package io.richmond.api.sms;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** Stores the SMS of a send request, all or none, in one transaction of batched inserts. */
@Service
public class SmsService {

    /** What a send request produced: the answer's JSON, and the SMS to publish (none when it was a replay). */
    public record Sent(String body, List<SentSms> created) {
    }

    private final SentSmsRepository repository;
    private final IdempotencyKeys idempotencyKeys;
    private final JsonMapper mapper;

    SmsService(SentSmsRepository repository, IdempotencyKeys idempotencyKeys, JsonMapper mapper) {
        this.repository = repository;
        this.idempotencyKeys = idempotencyKeys;
        this.mapper = mapper;
    }

    @Transactional
    public Sent send(long accountId, Gateway gateway, List<SmsDraft> drafts, String idempotencyKey) {
        // Microseconds are all PostgreSQL keeps: the answer then shows what a later read shows.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (idempotencyKey != null) {
            Optional<String> earlier = idempotencyKeys.claim(accountId, idempotencyKey, now);
            if (earlier.isPresent()) {
                return new Sent(earlier.get(), List.of());
            }
        }
        List<SentSms> created = new ArrayList<>(drafts.size());
        for (SmsDraft draft : drafts) {
            created.add(new SentSms(accountId, UUID.randomUUID().toString().replace("-", ""), gateway,
                    draft.toMsisdn(), draft.fromMsisdn(), draft.message(), draft.encoding(), now));
        }
        repository.saveAll(created);
        String body = mapper.writeValueAsString(created.stream().map(SmsView::of).toList());
        if (idempotencyKey != null) {
            idempotencyKeys.remember(accountId, idempotencyKey, body);
        }
        return new Sent(body, created);
    }
}
