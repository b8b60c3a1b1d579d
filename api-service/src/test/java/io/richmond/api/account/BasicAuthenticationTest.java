package io.richmond.api.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import io.richmond.api.ApiTestBase;

/**
 * HTTP Basic answers from accounts remembered for {@code richmond.api.credential-cache.account-ttl} (5 s): changes
 * through this process take effect at the next request, changes by another process within the TTL.
 */
class BasicAuthenticationTest extends ApiTestBase {

    private static final String PATH = "/api/v1/account/callbacks.json";

    @Test
    void aChangedPasswordTakesEffectAtTheNextRequest() {
        String user = newAccount("pw");
        assertThat(get(user, PATH).statusCode()).isEqualTo(200);

        accounts.changePassword(user, "changed");

        assertThat(get(user, PATH).statusCode()).isEqualTo(401);
        assertThat(withPassword(user, "changed").statusCode()).isEqualTo(200);
    }

    @Test
    void aChangedRateLimitTakesEffectAtTheNextRequest() {
        String user = newAccount("limit");
        assertThat(limitOf(get(user, PATH))).isEqualTo(String.valueOf(NO_LIMIT));

        accounts.changeRateLimit(user, 5);
        assertThat(limitOf(get(user, PATH))).isEqualTo("5");

        accounts.changeRateLimit(user, null);
        assertThat(limitOf(get(user, PATH))).isEqualTo("60");
    }

    @Test
    void anUnknownUsernameCreatedThroughThisProcessIsAcceptedAtTheNextRequest() {
        String user = "new-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(get(user, PATH).statusCode()).isEqualTo(401);

        accounts.create(user, PASSWORD, NO_LIMIT);

        assertThat(get(user, PATH).statusCode()).isEqualTo(200);
    }

    @Test
    void accountsMadeOrChangedByAnotherProcessAreSeenWithinTheTtl() {
        String created = "elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
        String changed = newAccount("elsewhere");
        assertThat(get(created, PATH).statusCode()).isEqualTo(401);
        assertThat(limitOf(get(changed, PATH))).isEqualTo(String.valueOf(NO_LIMIT));

        jdbc.update("insert into account (username, password_hash, rate_limit, created_at, updated_at)"
                + " values (?, ?, ?, now(), now())", created, new BCryptPasswordEncoder(4).encode(PASSWORD), NO_LIMIT);
        jdbc.update("update account set rate_limit = 7 where username = ?", changed);

        assertThat(get(created, PATH).statusCode()).as("still remembered as unknown").isEqualTo(401);
        assertThat(limitOf(get(changed, PATH))).as("still remembered").isEqualTo(String.valueOf(NO_LIMIT));
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(get(created, PATH).statusCode()).isEqualTo(200);
            assertThat(limitOf(get(changed, PATH))).isEqualTo("7");
        });
    }

    @Test
    void accountsThatCannotBeReadAnswer503AndAreReadAgainNextTime() {
        String user = newAccount("unread");
        jdbc.execute("alter table account rename to account_away");
        HttpResponse<String> unchecked;
        try {
            unchecked = get(user, PATH);
        } finally {
            jdbc.execute("alter table account_away rename to account");
        }

        assertThat(unchecked.statusCode()).isEqualTo(503);
        assertThat(unchecked.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(get(user, PATH).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> withPassword(String user, String password) {
        return send(request(null, PATH).header("Authorization", basic(user, password)).GET());
    }

    private static String limitOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.headers().firstValue("RateLimit-Limit").orElseThrow();
    }
}
