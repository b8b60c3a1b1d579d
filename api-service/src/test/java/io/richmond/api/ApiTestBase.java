package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.richmond.api.account.AccountService;
import io.richmond.testsupport.LocalServices;
import io.richmond.testsupport.RequiresPostgres;
import io.richmond.testsupport.RequiresRabbitMq;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service on a random port against the real PostgreSQL and RabbitMQ. Each test class gets its own
 * context, schema, exchange and queue names ({@link TestResources} removes them when the context closes).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "richmond.bootstrap.username=",
        "richmond.api.outbox.sweep-interval=300ms",
        "richmond.api.outbox.min-age=1s",
        "richmond.callbacks.allowed-hosts=localhost,127.0.0.1",
        // Every test logs in from 127.0.0.1, many with wrong credentials on purpose: only FailedLoginTest meets the
        // login throttle.
        "richmond.api.login-throttle.failures-per-username=100000",
        "richmond.api.login-throttle.failures-per-address=100000",
        "logging.level.io.richmond=INFO"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(TestResources.class)
@RequiresPostgres
@RequiresRabbitMq
public abstract class ApiTestBase {

    protected static final Duration DEADLINE = Duration.ofSeconds(20);
    protected static final String PASSWORD = "password";
    /** Enough requests that only the rate-limit test meets the limit. */
    protected static final int NO_LIMIT = 100_000;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    protected int port;
    @Value("${richmond.test.name}")
    protected String testName;
    @Autowired
    protected AccountService accounts;
    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String name = "api_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        LocalServices.Database db = LocalServices.postgres().orElseThrow();
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + name;
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.flyway.schemas", () -> name);
        registry.add("richmond.amqp.uri", () -> LocalServices.amqpUri().orElseThrow().toString());
        registry.add("richmond.amqp.exchange", () -> name);
        registry.add("richmond.api.bus-prefix", () -> name + "_");
        registry.add("richmond.test.name", () -> name);
    }

    /** An account with {@link #PASSWORD}, a unique name and no practical rate limit. */
    protected String newAccount(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(username, PASSWORD, NO_LIMIT);
        return username;
    }

    protected long accountId(String username) {
        return jdbc.queryForObject("select id from account where username = ?", Long.class, username);
    }

    /** The queue a routing key of this test class names: {@code clickatell.outbound} and so on. */
    protected String queue(String key) {
        return testName + "_" + key;
    }

    // HTTP

    protected HttpResponse<String> get(String user, String path) {
        return send(request(user, path).GET());
    }

    protected HttpResponse<String> postForm(String user, String path, String form, String... headers) {
        return send(request(user, path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    protected HttpResponse<String> postJson(String user, String path, String json, String... headers) {
        return send(request(user, path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected HttpResponse<String> putForm(String user, String path, String form) {
        return send(request(user, path).header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(form)));
    }

    protected HttpResponse<String> putJson(String user, String path, String json) {
        return send(request(user, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected HttpResponse<String> delete(String user, String path) {
        return send(request(user, path).DELETE());
    }

    protected HttpRequest.Builder request(String user, String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(DEADLINE);
        if (user != null) {
            builder.header("Authorization", basic(user, PASSWORD));
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    protected static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The answer, which must be 200, as JSON. */
    protected static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** A form body from name, value pairs. */
    protected static String form(String... pairs) {
        return Stream.iterate(0, i -> i < pairs.length, i -> i + 2)
                .map(i -> encode(pairs[i]) + "=" + encode(pairs[i + 1]))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
