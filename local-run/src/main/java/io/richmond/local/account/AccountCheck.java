package io.richmond.local.account;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Asks the running API whether the bootstrap account's password works. It may not: the account is created only
 * when the database has none, so a database kept from earlier runs may hold it with another password.
 */
public final class AccountCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI api;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param api the API's base URL, e.g. {@code http://127.0.0.1:8000} */
    public AccountCheck(URI api) {
        this.api = api;
    }

    /** True on 200, false on 401; anything else is unexpected and thrown. */
    public boolean passwordWorks(BootstrapAccount account) throws IOException, InterruptedException {
        String credentials = account.username() + ":" + account.password();
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/api/v1/account/callbacks.json"))
                .timeout(TIMEOUT)
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return switch (response.statusCode()) {
            case 200 -> true;
            case 401 -> false;
            default -> throw new IOException("checking the account " + account.username() + " at " + request.uri()
                    + " answered " + response.statusCode() + ": " + response.body());
        };
    }
}
