package io.richmond.api.sms;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** Stores the SMS of send requests, all or none, in one transaction of batched inserts. */
@Service
public class SmsService {

    /** A checked send request; {@code idempotencyKey} is null without one. */
    public record Request(long accountId, Gateway gateway, List<SmsDraft> drafts, String idempotencyKey) {
    }

    /** What a send request produced: the answer's JSON, and the SMS to publish (none when it was a replay). */
    public record Sent(String body, List<SentSms> created) {
    }

    private static final Comparator<Request> BY_KEY = Comparator.comparingLong(Request::accountId)
            .thenComparing(Request::idempotencyKey);

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
        return sendAll(List.of(new Request(accountId, gateway, drafts, idempotencyKey))).get(0);
    }

    /**
     * Each request's outcome, in the requests' order.
     *
     * @throws IllegalArgumentException when two requests of an account carry the same Idempotency-Key: send them one
     *                                  at a time instead, and the second replays the first's answer
     */
    @Transactional
    public List<Sent> sendAll(List<Request> requests) {
        // Microseconds are all PostgreSQL keeps: the answer then shows what a later read shows.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String[] earlierAnswers = claimKeys(requests, now);
        List<List<SentSms>> createdPerRequest = new ArrayList<>(requests.size());
        List<SentSms> all = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            List<SentSms> created = earlierAnswers[i] == null ? newSms(requests.get(i), now) : List.of();
            createdPerRequest.add(created);
            all.addAll(created);
        }
        repository.saveAll(all);
        List<Sent> outcomes = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            if (earlierAnswers[i] != null) {
                outcomes.add(new Sent(earlierAnswers[i], List.of()));
                continue;
            }
            List<SentSms> created = createdPerRequest.get(i);
            String body = mapper.writeValueAsString(created.stream().map(SmsView::of).toList());
            if (request.idempotencyKey() != null) {
                idempotencyKeys.remember(request.accountId(), request.idempotencyKey(), body);
            }
            outcomes.add(new Sent(body, created));
        }
        return outcomes;
    }

    /**
     * Claims the requests' keys; answers, by the requests' index, the earlier answer of each key that has one.
     * Claimed in one order everywhere, so that two batches sharing keys wait for each other instead of deadlocking.
     */
    private String[] claimKeys(List<Request> requests, Instant now) {
        List<Integer> keyed = IntStream.range(0, requests.size())
                .filter(i -> requests.get(i).idempotencyKey() != null).boxed()
                .sorted(Comparator.comparing(requests::get, BY_KEY)).toList();
        for (int i = 1; i < keyed.size(); i++) {
            Request request = requests.get(keyed.get(i));
            if (BY_KEY.compare(requests.get(keyed.get(i - 1)), request) == 0) {
                // Claimed twice in one transaction, the second would see the first's unanswered row as its own.
                throw new IllegalArgumentException("the Idempotency-Key '" + request.idempotencyKey()
                        + "' of account " + request.accountId() + " twice in one batch");
            }
        }
        String[] earlierAnswers = new String[requests.size()];
        for (int index : keyed) {
            Request request = requests.get(index);
            earlierAnswers[index] = idempotencyKeys.claim(request.accountId(), request.idempotencyKey(), now)
                    .orElse(null);
        }
        return earlierAnswers;
    }

    private static List<SentSms> newSms(Request request, Instant now) {
        List<SentSms> created = new ArrayList<>(request.drafts().size());
        for (SmsDraft draft : request.drafts()) {
            created.add(new SentSms(request.accountId(), UUID.randomUUID().toString().replace("-", ""),
                    request.gateway(), draft.toMsisdn(), draft.fromMsisdn(), draft.message(), draft.encoding(), now));
        }
        return created;
    }
}
