package io.richmond.api.sms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
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
    public record Request(long accountId, Gateway gateway, SendOperation operation, List<SmsDraft> drafts,
            String idempotencyKey) {

        /**
         * What an Idempotency-Key stands for: SHA-256, in hex, of the operation, the gateway and each SMS's
         * recipient, sender and text, each length-prefixed so that no two requests share an encoding. Two bodies
         * that ask for the same SMS (a form and its JSON, say) are the same request.
         */
        String fingerprint() {
            MessageDigest sha256;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
            update(sha256, operation.name());
            update(sha256, gateway.transportName());
            for (SmsDraft draft : drafts) {
                update(sha256, draft.toMsisdn());
                update(sha256, draft.fromMsisdn());
                update(sha256, draft.message());
            }
            return HexFormat.of().formatHex(sha256.digest());
        }

        private static void update(MessageDigest digest, String field) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            digest.update(bytes);
        }
    }

    /**
     * What a send request produced: the answer's JSON, and the SMS to publish (none when it was a replay); or, when
     * its Idempotency-Key already answered another request, no answer and nothing created.
     */
    public record Sent(String body, List<SentSms> created, boolean keyUsedForAnotherRequest) {

        static Sent refused() {
            return new Sent(null, List.of(), true);
        }
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

    /**
     * Stores the SMS of one plain send.
     *
     * @throws IllegalArgumentException when the Idempotency-Key already answered another request
     */
    @Transactional
    public Sent send(long accountId, Gateway gateway, List<SmsDraft> drafts, String idempotencyKey) {
        Sent sent = sendAll(List.of(new Request(accountId, gateway, SendOperation.SEND, drafts, idempotencyKey)))
                .get(0);
        if (sent.keyUsedForAnotherRequest()) {
            throw new IllegalArgumentException("the Idempotency-Key '" + idempotencyKey + "' of account " + accountId
                    + " already answered another request");
        }
        return sent;
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
        IdempotencyKeys.Earlier[] earlier = claimKeys(requests, now);
        List<List<SentSms>> createdPerRequest = new ArrayList<>(requests.size());
        List<SentSms> all = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            List<SentSms> created = earlier[i] == null ? newSms(requests.get(i), now) : List.of();
            createdPerRequest.add(created);
            all.addAll(created);
        }
        repository.saveAll(all);
        List<Sent> outcomes = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            if (earlier[i] != null) {
                outcomes.add(earlier[i].sameRequest() ? new Sent(earlier[i].responseBody(), List.of(), false)
                        : Sent.refused());
                continue;
            }
            List<SentSms> created = createdPerRequest.get(i);
            String body = mapper.writeValueAsString(created.stream().map(SmsView::of).toList());
            if (request.idempotencyKey() != null) {
                idempotencyKeys.remember(request.accountId(), request.idempotencyKey(), body);
            }
            outcomes.add(new Sent(body, created, false));
        }
        return outcomes;
    }

    /**
     * Claims the requests' keys; answers, by the requests' index, what each key that was claimed before held.
     * Claimed in one order everywhere, so that two batches sharing keys wait for each other instead of deadlocking.
     */
    private IdempotencyKeys.Earlier[] claimKeys(List<Request> requests, Instant now) {
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
        IdempotencyKeys.Earlier[] earlier = new IdempotencyKeys.Earlier[requests.size()];
        for (int index : keyed) {
            Request request = requests.get(index);
            earlier[index] = idempotencyKeys.claim(request.accountId(), request.idempotencyKey(),
                    request.fingerprint(), now).orElse(null);
        }
        return earlier;
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
