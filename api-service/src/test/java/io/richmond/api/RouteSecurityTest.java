package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;

/**
 * The security guarantees, proved over every route Spring MVC maps rather than a list kept by hand: a route added
 * later is walked too, and a route that takes an id this test does not know fails it until it is taught.
 */
class RouteSecurityTest extends ApiTestBase {

    /** Mapped outside {@code /api/v1} and open on purpose: the README's API documentation and Spring's error page. */
    private static final Set<String> PUBLIC_ROUTES = Set.of("/v3/api-docs", "/v3/api-docs.yaml",
            "/v3/api-docs/{group}", "/v3/api-docs.yaml/{group}", "/v3/api-docs/swagger-config", "/swagger-ui.html", "/error");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    /** One call: a method and a path with its variables filled in. */
    private record Route(String method, String pattern) {

        String path(Map<String, String> values) {
            Matcher matcher = VARIABLE.matcher(pattern);
            StringBuilder path = new StringBuilder();
            while (matcher.find()) {
                String value = values.get(matcher.group(1));
                if (value == null) {
                    fail("route %s %s takes {%s}, which this test cannot fill: teach it", method, pattern,
                            matcher.group(1));
                }
                matcher.appendReplacement(path, Matcher.quoteReplacement(value));
            }
            return matcher.appendTail(path).toString();
        }

        /** The segment before the first variable after the gateway: what kind of thing the id names. */
        String idKind() {
            String[] segments = pattern.split("/");
            for (int i = 1; i < segments.length; i++) {
                if (VARIABLE.matcher(segments[i]).find() && !segments[i].equals("{gw}")) {
                    return segments[i - 1];
                }
            }
            return null;
        }
    }

    private List<Route> apiRoutes() {
        List<Route> routes = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                if (methods.isEmpty()) {
                    routes.add(new Route("GET", pattern));
                }
                methods.forEach(method -> routes.add(new Route(method.name(), pattern)));
            }
        }
        return routes;
    }

    @Test
    void everyRouteOutsideApiV1IsOneThatIsPublicOnPurpose() {
        List<String> others = mappings.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternValues().stream())
                .filter(pattern -> !pattern.startsWith("/api/v1/"))
                .toList();

        assertThat(others).as("a new route belongs under /api/v1, or here and in the README as public")
                .allMatch(PUBLIC_ROUTES::contains);
    }

    @Test
    void everyApiRouteAnswers401WithoutCredentialsOrWithWrongOnes() {
        String user = newAccount("walker");
        List<Route> routes = apiRoutes();
        assertThat(routes).as("the walk sees the API").extracting(Route::pattern)
                .contains("/api/v1/sms/{gw}/send.json", "/api/v1/account/callbacks/{id}.json",
                        "/api/v1/account/keywords/{id}.json", "/api/v1/account/callback_secret.json");
        Map<String, String> values = Map.of("gw", "clickatell", "id", "1", "deliveryId",
                "0123456789abcdef0123456789abcdef-1");

        for (Route route : routes) {
            String path = route.path(values);
            for (String authorization : new String[] {null, basic(user, "wrong"), basic("nobody-" + user, PASSWORD),
                    "Basic not-base64!", "Bearer " + PASSWORD}) {
                HttpRequest.Builder request = request(null, path).method(route.method(),
                        HttpRequest.BodyPublishers.ofString("to_msisdn=27123456789"))
                        .header("Content-Type", "application/x-www-form-urlencoded");
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<String> answer = send(request);

                assertThat(answer.statusCode()).as("%s %s with %s", route.method(), path, authorization)
                        .isEqualTo(401);
                // Spring Security adds charset="UTF-8" (RFC 7617) after the realm.
                assertThat(answer.headers().firstValue("WWW-Authenticate").orElseThrow())
                        .as("%s %s", route.method(), path).startsWith("Basic realm=\"Richmond\"");
            }
        }
    }

    @Test
    void healthAndTheDocumentedPublicPagesNeedNoCredentials() {
        assertThat(get(null, "/readyz").statusCode()).isEqualTo(200);
        assertThat(get(null, "/livez").statusCode()).isEqualTo(200);
        assertThat(get(null, "/v3/api-docs").statusCode()).isEqualTo(200);
    }

    @Test
    void anotherAccountsIdAnswers404OnEveryRouteThatTakesOne() {
        String owner = newAccount("owner");
        String stranger = newAccount("stranger");
        long ownerId = accountId(owner);
        String secretMessage = "for the owner only " + owner;
        long sms = ok(postForm(owner, "/api/v1/sms/clickatell/send.json", form("to_msisdn", "27123456789",
                "from_msisdn", "27123456789", "message", secretMessage))).get(0).get("id").asLong();
        String ownersUrl = "http://localhost/owner/" + owner;
        long callback = ok(postForm(owner, "/api/v1/account/callbacks.json", form("name", "sms_received", "url",
                ownersUrl))).get("id").asLong();
        String keywordText = "own" + Long.toString(System.nanoTime(), 36);
        accounts.route("31337", owner);
        long keyword = ok(postForm(owner, "/api/v1/account/keywords.json", form("number", "31337", "keyword",
                keywordText))).get("id").asLong();
        String delivery = deadDelivery(ownerId, callback, ownersUrl);
        // The kind of thing each id names, by the path segment before it.
        Map<String, String> ids = Map.of("status", String.valueOf(sms), "callbacks", String.valueOf(callback),
                "keywords", String.valueOf(keyword), "deliveries", delivery);

        List<Route> taking = apiRoutes().stream().filter(route -> route.idKind() != null).toList();
        assertThat(taking).extracting(Route::idKind).contains("status", "callbacks", "keywords", "deliveries");
        for (Route route : taking) {
            String id = ids.get(route.idKind());
            if (id == null) {
                fail("route %s %s takes an id of a kind this test does not make: teach it", route.method(),
                        route.pattern());
            }
            String path = route.path(Map.of("gw", "clickatell", "id", id, "deliveryId", id));
            HttpResponse<String> answer = send(request(stranger, path).method(route.method(),
                    HttpRequest.BodyPublishers.ofString(form("url", "http://localhost/stolen", "format", "json")))
                    .header("Content-Type", "application/x-www-form-urlencoded"));

            assertThat(answer.statusCode()).as("%s %s as another account: %s", route.method(), path, answer.body())
                    .isEqualTo(404);
            assertThat(answer.body()).doesNotContain(secretMessage, ownersUrl, keywordText);
        }

        JsonNode listed = ok(get(stranger, "/api/v1/sms/clickatell/status.json?id=" + sms));
        assertThat(listed.size()).as("status.json?id= of another account's SMS").isZero();
        assertThat(ok(get(stranger, "/api/v1/account/callbacks.json")).size()).isZero();
        assertThat(ok(get(stranger, "/api/v1/account/keywords.json")).size()).isZero();

        assertThat(ok(get(owner, "/api/v1/sms/clickatell/status/" + sms + ".json")).get("message").asString())
                .isEqualTo(secretMessage);
        JsonNode ownersCallback = ok(get(owner, "/api/v1/account/callbacks/" + callback + ".json"));
        assertThat(ownersCallback.get("url").asString()).as("the stranger's PUT changed nothing").isEqualTo(ownersUrl);
        assertThat(ownersCallback.has("format")).isFalse();
        assertThat(ok(get(owner, "/api/v1/account/keywords.json")).findValuesAsString("keyword"))
                .as("the stranger's DELETE removed nothing").containsExactly(keywordText);
        assertThat(jdbc.queryForObject("select redelivered_at is null from callback_dead_delivery"
                + " where delivery_id = ?", Boolean.class, delivery)).as("the stranger redelivered nothing").isTrue();
    }

    @Test
    void passwordsAreStoredAsBCryptHashesOnly() {
        String password = "correct horse battery staple " + System.nanoTime();
        String user = "hashed-" + System.nanoTime();
        accounts.create(user, password, NO_LIMIT);
        String created = jdbc.queryForObject("select password_hash from account where username = ?", String.class,
                user);
        String changedPassword = password + " again";
        accounts.changePassword(user, changedPassword);
        String changed = jdbc.queryForObject("select password_hash from account where username = ?", String.class,
                user);

        assertThat(created).matches("\\$2[ab]\\$\\d\\d\\$[./A-Za-z0-9]{53}").doesNotContain(password);
        assertThat(changed).matches("\\$2[ab]\\$\\d\\d\\$[./A-Za-z0-9]{53}").doesNotContain(changedPassword)
                .isNotEqualTo(created);
        String everything = jdbc.queryForList("select * from account where username = ?", user).toString();
        assertThat(everything).doesNotContain(password, changedPassword);
        assertThat(send(request(null, "/api/v1/account/callbacks.json")
                .header("Authorization", basic(user, changedPassword)).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void theRateLimitCannotBeSidesteppedByRewritingThePath() {
        int budget = 3;
        String user = "spelled-" + System.nanoTime();
        accounts.create(user, PASSWORD, budget);
        for (int i = 0; i < budget; i++) {
            assertThat(get(user, "/api/v1/account/callbacks.json").statusCode()).isEqualTo(200);
        }
        assertThat(get(user, "/api/v1/account/callbacks.json").statusCode()).isEqualTo(429);

        for (String path : List.of("/API/v1/account/callbacks.json", "/api/V1/account/callbacks.json",
                "/Api/v1/Account/Callbacks.json", "/api//v1/account/callbacks.json", "//api/v1/account/callbacks.json",
                "/api/v1//account/callbacks.json", "/api/v1/./account/callbacks.json",
                "/api/v1/account/./callbacks.json", "/api/v1/sms/../account/callbacks.json",
                "/api/v1/account/callbacks.json/", "/api/v1/account/callbacks.json//",
                "/api%2Fv1%2Faccount%2Fcallbacks.json", "/api/v1/account%2Fcallbacks.json",
                "/api/v1/account/callbacks%2Ejson", "/%61pi/v1/account/callbacks.json",
                "/api/v1/account/callbacks.json;x=1", "/api;x=1/v1/account/callbacks.json",
                "/api/v1/account/callbacks.json?x=1", "/api/v1/account/callbacks.JSON",
                "/api/v1/account/callbacks.json%00", "/api/v1/account/callbacks.json%20")) {
            HttpResponse<String> answer = get(user, path);

            assertThat(answer.statusCode()).as("%s: %s", path, answer.body()).isIn(400, 404, 429);
            if (answer.statusCode() != 400) {
                assertThat(answer.headers().firstValue("RateLimit-Remaining")).as(path).hasValue("0");
            }
        }
        String other = newAccount("unlimited");
        assertThat(get(other, "/API/v1/account/callbacks.json").statusCode())
                .as("a rewritten path reaches no handler, whoever asks").isIn(400, 404);
        assertThat(get(null, "/API/v1/account/callbacks.json").statusCode()).isIn(400, 401, 404);
    }

    /** What callback-dispatcher writes for a delivery that gave up. */
    private String deadDelivery(long accountId, long callbackId, String url) {
        String job = "0123456789abcdef" + Long.toHexString(System.nanoTime());
        String delivery = job + "-" + callbackId;
        jdbc.update("insert into callback_attempt (delivery_id, job_id, account_id, callback_url_id, url, attempt,"
                + " status_code, latency_ms, error, outcome, attempted_at) values (?, ?, ?, ?, ?, 1, 500, 5,"
                + " 'HTTP 500', 'dead', now())", delivery, job, accountId, callbackId, url);
        jdbc.update("insert into callback_dead_delivery (delivery_id, account_id, callback_url_id, job, attempts,"
                + " last_error, dead_at) values (?, ?, ?, ?, 1, 'HTTP 500', now())", delivery, accountId, callbackId,
                "{\"job_id\":\"" + job + "\",\"account_id\":" + accountId + "}");
        return delivery;
    }
}
