package io.richmond.api.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.richmond.api.ApiProperties;

/**
 * One token bucket per account, held in this process: N requests per window, the whole budget coming back at the
 * end of each window as in the original API. Several API processes each allow the budget (see the README).
 */
@Component
public class RateLimits {

    /** The limit is part of the key so that a changed limit takes effect at the account's next login. */
    private record Key(long accountId, int requests) {
    }

    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();
    private final int defaultRequests;
    private final Duration window;

    public RateLimits(ApiProperties properties) {
        this.defaultRequests = properties.rateLimit().requests();
        this.window = properties.rateLimit().window();
    }

    /** The account's bucket; {@code accountLimit} null means the configured default. */
    public Bucket bucket(long accountId, Integer accountLimit) {
        int requests = accountLimit == null ? defaultRequests : accountLimit;
        return buckets.computeIfAbsent(new Key(accountId, requests), key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(requests).refillIntervally(requests, window).build())
                .build());
    }

    public int limit(Integer accountLimit) {
        return accountLimit == null ? defaultRequests : accountLimit;
    }
}
