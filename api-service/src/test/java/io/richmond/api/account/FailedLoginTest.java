package io.richmond.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.richmond.api.ApiTestBase;
import tools.jackson.databind.JsonNode;

/**
 * The login throttle with the shipped budgets (10 failures per username, 50 per address, per 10 minutes): a guesser
 * gets 429 without its password being checked, while other accounts, and the account's own known addresses, keep
 * logging in. Other loopback addresses (127.0.0.2, ...) stand for other clients.
 */
@TestPropertySource(properties = {
        "richmond.api.login-throttle.failures-per-username=10",
        "richmond.api.login-throttle.failures-per-address=50"})
class FailedLoginTest extends ApiTestBase {

    private static final String PATH = "/api/v1/account/callbacks.json";

    @Autowired
    private MeterRegistry meters;

    @Test
    void fiftyWrongPasswordsThen429WhileAnotherAccountStillLogsInAndSends() {
        String guessed = newAccount("guessed");
        String other = newAccount("other");
        double wrongBefore = failures("bad_credentials");
        double throttledBefore = failures("throttled");

        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(withPassword(guessed, "guess-" + i).statusCode());
        }
        HttpResponse<String> rightPassword = withPassword(guessed, PASSWORD);

        assertThat(answers.subList(0, 10)).containsOnly(401);
        assertThat(answers.subList(10, 50)).containsOnly(429);
        assertThat(rightPassword.statusCode()).as("refused before the password is looked at").isEqualTo(429);
        assertThat(Long.parseLong(rightPassword.headers().firstValue("Retry-After").orElseThrow()))
                .as("one failure comes back every 10 min / 10").isBetween(1L, 60L);
        assertThat(rightPassword.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(rightPassword.headers().firstValue("WWW-Authenticate")).isEmpty();
        JsonNode error = json(rightPassword);
        assertThat(error.propertyNames()).containsExactlyInAnyOrder("error", "message");
        assertThat(error.get("error").asString()).isEqualTo("Too Many Requests");
        assertThat(error.get("message").asString()).matches("too many failed logins for this username; retry in \\d+ s");
        assertThat(failures("bad_credentials") - wrongBefore).isEqualTo(10);
        assertThat(failures("throttled") - throttledBefore).isEqualTo(41);

        assertThat(get(other, PATH).statusCode()).isEqualTo(200);
        assertThat(postForm(other, "/api/v1/sms/clickatell/send.json", form("to_msisdn", "27123456789",
                "from_msisdn", "27123456789", "message", "still here")).statusCode()).isEqualTo(200);
    }

    @Test
    void anAddressTheAccountLoggedInFromKeepsLoggingInWhileItsNameIsGuessedElsewhere() {
        String user = newAccount("known");
        assertThat(get(user, PATH).statusCode()).isEqualTo(200);

        List<Integer> guesses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            guesses.add(statusFrom("127.0.0.2", basic(user, "guess-" + i)));
        }

        assertThat(guesses.subList(0, 10)).containsOnly(401);
        assertThat(guesses.get(10)).isEqualTo(429);
        assertThat(statusFrom("127.0.0.2", basic(user, PASSWORD))).as("the guesser's address").isEqualTo(429);
        assertThat(get(user, PATH).statusCode()).as("the account's own address").isEqualTo(200);
        assertThat(statusFrom("127.0.0.4", basic(user, PASSWORD))).as("an address it never logged in from")
                .isEqualTo(429);
    }

    @Test
    void anAddressTryingManyUsernamesIsThrottledWhateverTheUsername() {
        String user = newAccount("neighbour");
        List<Integer> guesses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            guesses.add(statusFrom("127.0.0.3", basic("sprayed-" + (i % 10) + "-" + user, "guess-" + i)));
        }

        assertThat(guesses).containsOnly(401);
        HttpResponse<String> fromElsewhere = get(user, PATH);
        assertThat(statusFrom("127.0.0.3", basic(user, PASSWORD))).isEqualTo(429);
        assertThat(fromElsewhere.statusCode()).as("another address").isEqualTo(200);
    }

    private HttpResponse<String> withPassword(String user, String password) {
        return send(request(null, PATH).header("Authorization", basic(user, password)).GET());
    }

    /** The status of a GET sent from {@code localAddress}, which the API sees as the client's address. */
    private int statusFrom(String localAddress, String authorization) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) DEADLINE.toMillis());
            socket.setSoTimeout((int) DEADLINE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double failures(String reason) {
        return meters.get("richmond.login.failures").tag("reason", reason).counter().count();
    }
}
