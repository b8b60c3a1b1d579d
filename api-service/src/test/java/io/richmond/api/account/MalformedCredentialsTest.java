package io.richmond.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.richmond.api.ApiTestBase;

/**
 * Every malformed HTTP Basic credential answers 401, as a wrong password does: never a 503 "could not check", and
 * never a query that PostgreSQL refuses and logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedCredentialsTest extends ApiTestBase {

    private static final String PATH = "/api/v1/account/callbacks.json";

    private String user;

    @BeforeEach
    void account() {
        user = newAccount("malformed");
    }

    /** What follows {@code Basic }, by what is wrong with it, given an account's name. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                malformed("a NUL in the username", user -> encoded("ad\u0000" + user + ":password")),
                malformed("a username that is a NUL", user -> encoded("\u0000:password")),
                malformed("a NUL after the account's name", user -> encoded(user + "\u0000:password")),
                malformed("not base64", user -> "not-base64!"),
                malformed("base64 cut short", user -> "YWJjZA=x"),
                malformed("no token", user -> ""),
                malformed("no colon", user -> encoded(user + "password")),
                malformed("an empty username", user -> encoded(":password")),
                malformed("a 151-character username", user -> encoded("u".repeat(151) + ":password")),
                malformed("a control character", user -> encoded("\u0001" + user + ":password")),
                malformed("a line feed", user -> encoded(user + "\n:password")),
                malformed("an escape sequence", user -> encoded("\u001b[31m" + user + ":password")),
                malformed("DEL", user -> encoded(user + "\u007f:password")),
                malformed("a C1 control character", user -> encoded(user + "\u0085:password")),
                malformed("bytes that are not UTF-8", user -> Base64.getEncoder().encodeToString(new byte[] {
                        (byte) 0xff, (byte) 0xfe, (byte) 0xc3, ':', 'p'})),
                malformed("a password longer than BCrypt reads", user -> encoded(user + ":" + "p".repeat(100))),
                malformed("a NUL in the password", user -> encoded(user + ":pass\u0000word")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void answers401AndLogsNoQuery(String what, UnaryOperator<String> token, CapturedOutput output) {
        HttpResponse<String> answer = send(request(null, PATH)
                .header("Authorization", ("Basic " + token.apply(user)).strip()).GET());

        assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic realm=\"Richmond\"");
        assertThat(output.getAll()).doesNotContain("could not check the credentials", "SqlExceptionHelper",
                "invalid byte sequence");
        assertThat(get(user, PATH).statusCode()).as("the account itself").isEqualTo(200);
    }

    private static Arguments malformed(String what, UnaryOperator<String> token) {
        return Arguments.of(what, token);
    }

    private static String encoded(String credentials) {
        return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
