package io.richmond.api.callback;

import java.util.List;

import org.springframework.stereotype.Component;

import io.richmond.api.ApiProperties;
import io.richmond.api.lookup.LookupCache;

/** The URLs a callback job of an account goes to, looked up once per {@code lookup-cache-ttl}. */
@Component
class CallbackTargets {

    private record Key(long accountId, String name) {
    }

    private final CallbackUrlRepository urls;
    private final LookupCache<Key, List<CallbackJob.Target>> cache;

    CallbackTargets(CallbackUrlRepository urls, ApiProperties properties) {
        this.urls = urls;
        this.cache = new LookupCache<>(properties.lookupCacheTtl(), 100_000);
    }

    List<CallbackJob.Target> of(long accountId, CallbackName name) {
        return cache.get(new Key(accountId, name.value()), key -> urls
                .findByAccountIdAndNameOrderByIdAsc(key.accountId(), key.name()).stream()
                .map(url -> new CallbackJob.Target(url.getId(), url.getUrl(), url.getFormat())).toList());
    }

    /** Called in the transaction that changes an account's callback URLs. */
    void changed() {
        cache.invalidateAfterCommit();
    }
}
