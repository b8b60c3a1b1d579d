package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.richmond.api.account.AccountsCommand;
import io.richmond.api.keyword.KeywordQueues;
import io.richmond.api.keyword.Keywords;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.message.FailureMessage;
import io.richmond.sdk.message.Message;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.sms.KeywordSms;
import io.richmond.sdk.sms.SmsReplies;
import io.richmond.sdk.worker.Outbox;
import tools.jackson.databind.JsonNode;

/**
 * Keywords: registered through the API on a number routed to the account (or by the operator on any number), an
 * inbound SMS starting with one goes to its account and its workers on {@code keyword.<keyword>}, and a worker's
 * reply through the SDK is sent as the account's SMS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeywordsTest extends ApiTestBase {

    /** Owns the SMS to numbers nobody routed, unless a keyword says otherwise. */
    private static final String DEFAULT_ACCOUNT = "default-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PATH = "/api/v1/account/keywords.json";
    private static final AtomicLong SHORT_CODES = new AtomicLong(System.nanoTime() % 900_000);

    @Autowired
    private MessagePublisher publisher;
    @Autowired
    private MessageCodec codec;
    @Autowired
    private Keywords keywords;
    @Autowired
    private KeywordQueues declarer;
    private TestQueues queues;
    private final List<String> keywordQueues = new ArrayList<>();
    private String owner;
    private String number;

    @DynamicPropertySource
    static void defaultAccount(DynamicPropertyRegistry registry) {
        registry.add("richmond.api.inbound-default-account", () -> DEFAULT_ACCOUNT);
    }

    @BeforeAll
    void connect() {
        accounts.create(DEFAULT_ACCOUNT, PASSWORD, NO_LIMIT);
        queues = new TestQueues();
    }

    @AfterAll
    void disconnect() throws Exception {
        keywordQueues.forEach(queues::delete);
        queues.close();
    }

    @BeforeEach
    void ownerAndNumber() {
        owner = newAccount("keywords");
        // A short code of its own per test: keywords are unique per number.
        number = uniqueShortCode();
        accounts.route(number, owner);
    }

    @Test
    void anSmsStartingWithAKeywordGoesToItsAccountAndWorkersIgnoringCase() {
        JsonNode registered = ok(postForm(owner, PATH, form("number", number, "keyword", "WIN")));
        assertThat(registered.get("keyword").asString()).isEqualTo("win");
        assertThat(registered.get("number").asString()).isEqualTo(number);
        String keywordQueue = keywordQueue("win");

        UserMessage inbound = inbound("Win a car please");
        publish(queue("clickatell.inbound"), inbound);

        UserMessage handedOver = codec.decode(queues.take(keywordQueue, 1, DEADLINE).get(0), UserMessage.class);
        long receivedId = jdbc.queryForObject("select id from received_sms where message_id = ?", Long.class,
                inbound.messageId());
        long storedFor = jdbc.queryForObject("select account_id from received_sms where message_id = ?", Long.class,
                inbound.messageId());
        assertThat(handedOver.messageId()).isEqualTo(inbound.messageId());
        assertThat(handedOver.content()).isEqualTo("Win a car please");
        assertThat(handedOver.toAddr()).isEqualTo(number);
        assertThat(handedOver.transportMetadata()).isEqualTo(inbound.transportMetadata());
        assertThat(KeywordSms.of(handedOver)).contains(new KeywordSms(accountId(owner), receivedId, "win"));
        assertThat(storedFor).isEqualTo(accountId(owner)).isNotEqualTo(accountId(DEFAULT_ACCOUNT));
    }

    @Test
    void anSmsWithoutAKeywordGoesToTheNumbersAccountAsBefore() {
        ok(postForm(owner, PATH, form("number", number, "keyword", "vote")));
        String keywordQueue = keywordQueue("vote");

        publish(queue("clickatell.inbound"), inbound("voter registration"));
        publish(queue("clickatell.inbound"), inbound(""));

        await().atMost(DEADLINE).until(() -> receivedBy(owner) == 2);
        assertThat(queues.count(keywordQueue)).isZero();
    }

    @Test
    void theOperatorsKeywordOnASharedShortCodeComesAheadOfTheDefaultAccount() {
        String shared = uniqueShortCode();
        keywords.registerAsOperator(accountId(owner), shared, "Shared");
        String keywordQueue = keywordQueue("shared");

        publish(queue("clickatell.inbound"), inbound(shared, "shared prize"));
        publish(queue("clickatell.inbound"), inbound(shared, "something else"));

        queues.take(keywordQueue, 1, DEADLINE);
        await().atMost(DEADLINE).until(() -> jdbc.queryForObject(
                "select count(*) from received_sms where to_msisdn = ?", Integer.class, shared) == 2);
        assertThat(jdbc.queryForObject("select account_id from received_sms where to_msisdn = ? and keyword = ?",
                Long.class, shared, "shared")).isEqualTo(accountId(owner));
        assertThat(jdbc.queryForObject("select account_id from received_sms where to_msisdn = ? and keyword is null",
                Long.class, shared)).isEqualTo(accountId(DEFAULT_ACCOUNT));
    }

    @Test
    void aRepeatedSmsIsStoredOnceAndReachesTheWorkersOnce() {
        ok(postForm(owner, PATH, form("number", number, "keyword", "again")));
        UserMessage inbound = inbound("again");
        UserMessage next = inbound("again and again");

        publish(queue("clickatell.inbound"), inbound);
        queues.take(keywordQueue("again"), 1, DEADLINE);
        await().atMost(DEADLINE).until(() -> jdbc.queryForObject("select handed_over_at is not null from"
                + " received_sms where message_id = ?", Boolean.class, inbound.messageId()));
        publish(queue("clickatell.inbound"), inbound);
        publish(queue("clickatell.inbound"), next);

        UserMessage handedOver = codec.decode(queues.take(keywordQueue("again"), 1, DEADLINE).get(0),
                UserMessage.class);
        assertThat(handedOver.messageId()).isEqualTo(next.messageId());
        assertThat(receivedBy(owner)).isEqualTo(2);
    }

    @Test
    void aWorkersReplyIsSentAsAnSmsOfTheKeywordsAccount() {
        ok(postForm(owner, PATH, form("number", number, "keyword", "quiz")));
        queues.purge(queue("clickatell.outbound"));
        publish(queue("clickatell.inbound"), inbound("QUIZ 42"));
        UserMessage sms = codec.decode(queues.take(keywordQueue("quiz"), 1, DEADLINE).get(0), UserMessage.class);

        UserMessage reply = new SmsReplies(queue("sms.replies")).reply(worker(), sms, "Thanks for your entry");

        UserMessage outbound = codec.decode(queues.take(queue("clickatell.outbound"), 1, DEADLINE).get(0),
                UserMessage.class);
        assertThat(outbound.content()).isEqualTo("Thanks for your entry");
        assertThat(outbound.toAddr()).isEqualTo("+27831234567");
        assertThat(outbound.fromAddr()).isEqualTo(number);
        assertThat(outbound.transportName()).isEqualTo(testName + "_clickatell");
        Map<?, ?> richmond = (Map<?, ?>) outbound.helperMetadata().get("richmond");
        assertThat(((Number) richmond.get("account_id")).longValue()).isEqualTo(accountId(owner));
        JsonNode sent = ok(get(owner, "/api/v1/sms/clickatell/status/" + richmond.get("sms_id") + ".json"));
        assertThat(sent.get("to_msisdn").asString()).isEqualTo("+27831234567");
        assertThat(sent.get("message").asString()).isEqualTo("Thanks for your entry");
        await().atMost(DEADLINE).until(() -> jdbc.queryForObject(
                "select published_at is not null from sent_sms where id = ?", Boolean.class, sent.get("id").asLong()));

        // The same reply again (a redelivery) is not sent twice.
        worker().publish(queue("sms.replies"), reply);
        await().atMost(DEADLINE).until(() -> queues.count(queue("sms.replies")) == 0);
        assertThat(jdbc.queryForObject("select count(*) from sent_sms where account_id = ?", Integer.class,
                accountId(owner))).isEqualTo(1);
    }

    @Test
    void aReplyNamingAnotherAccountIsNotSent() {
        ok(postForm(owner, PATH, form("number", number, "keyword", "steal")));
        publish(queue("clickatell.inbound"), inbound("steal"));
        UserMessage sms = codec.decode(queues.take(keywordQueue("steal"), 1, DEADLINE).get(0), UserMessage.class);
        String thief = newAccount("thief");
        UserMessage forged = sms.toBuilder()
                .helperMetadata(Map.of("richmond", Map.of("account_id", accountId(thief), "keyword", "steal")))
                .build();

        new SmsReplies(queue("sms.replies")).reply(worker(), forged, "on your bill");

        FailureMessage failure = codec.decode(queues.take(queue("sms.replies.failures"), 1, DEADLINE).get(0),
                FailureMessage.class);
        assertThat(failure.reason()).contains("is not an SMS received by account " + accountId(thief));
        assertThat(jdbc.queryForObject("select count(*) from sent_sms where account_id in (?, ?)", Integer.class,
                accountId(owner), accountId(thief))).isZero();
    }

    @Test
    void keywordsAreListedAndDeletedByTheirAccountOnly() {
        String other = newAccount("other");
        accounts.route("27831110000", owner);
        String othersNumber = uniqueShortCode();
        accounts.route(othersNumber, other);
        long id = ok(postJson(owner, PATH, "{\"number\": \"+27831110000\", \"keyword\": \"Stop\"}")).get("id").asLong();
        ok(postForm(other, PATH, form("number", othersNumber, "keyword", "join")));

        JsonNode mine = ok(get(owner, PATH));
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.get(0).get("keyword").asString()).isEqualTo("stop");
        assertThat(mine.get(0).get("number").asString()).isEqualTo("27831110000");
        assertThat(mine.get(0).get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(ok(get(other, PATH)).findValuesAsString("keyword")).containsExactly("join");

        assertThat(delete(other, "/api/v1/account/keywords/" + id + ".json").statusCode()).isEqualTo(404);
        assertThat(delete(owner, "/api/v1/account/keywords/abc.json").statusCode()).isEqualTo(404);
        assertThat(delete(owner, "/api/v1/account/keywords/" + id + ".json").statusCode()).isEqualTo(204);
        assertThat(ok(get(owner, PATH)).size()).isZero();
        // Declared at registration and named by no SMS: TestResources cannot find it once the keyword is gone.
        keywordQueue("stop");
    }

    @Test
    void aKeywordOnANumberRoutedToAnotherAccountIsRefused() {
        String thief = newAccount("thief");
        String msisdn = "2783" + uniqueShortCode() + "1";
        accounts.route("+" + msisdn, owner);

        HttpResponse<String> refused = postForm(thief, PATH, form("number", msisdn, "keyword", "grab"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("error").asString()).isEqualTo("Forbidden");
        assertThat(json(refused).get("field").asString()).isEqualTo("number");
        assertThat(json(refused).get("message").asString()).contains("is not routed to your account")
                .doesNotContain(owner);
        assertThat(ok(get(thief, PATH)).size()).isZero();
        ok(postForm(owner, PATH, form("number", msisdn, "keyword", "grab")));
    }

    @Test
    void aKeywordOnANumberNobodyIsRoutedIsRefusedAlike() {
        String unrouted = uniqueShortCode();

        HttpResponse<String> refused = postForm(owner, PATH, form("number", unrouted, "keyword", "grab"));
        HttpResponse<String> routedElsewhere = postForm(newAccount("other"), PATH, form("number", number,
                "keyword", "grab"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("field").asString()).isEqualTo("number");
        assertThat(json(refused).get("message").asString()).isEqualTo(json(routedElsewhere).get("message")
                .asString().replace(number, unrouted));
        assertThat(jdbc.queryForObject("select count(*) from keyword where number = ?", Integer.class, unrouted))
                .isZero();
    }

    @Test
    void aTakenKeywordAnswers409NamingNothingOfTheAccountThatHoldsIt() {
        String holder = newAccount("holder");
        keywords.registerAsOperator(accountId(holder), number, "win");
        keywords.registerAsOperator(accountId(holder), number, "secretword");

        HttpResponse<String> taken = postForm(owner, PATH, form("number", number, "keyword", "WIN"));
        HttpResponse<String> again = postForm(holder, PATH, form("number", number, "keyword", "win"));

        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(json(taken).get("error").asString()).isEqualTo("Conflict");
        assertThat(json(taken).get("field").asString()).isEqualTo("keyword");
        assertThat(json(taken).get("message").asString()).isEqualTo("keyword 'win' on " + number + " is taken");
        assertThat(json(taken).propertyNames()).containsExactlyInAnyOrder("error", "field", "message");
        assertThat(again.statusCode()).as("the holder is not routed the number").isEqualTo(403);
        // The same word on another number of the account is another keyword.
        String second = uniqueShortCode();
        accounts.route(second, owner);
        ok(postForm(owner, PATH, form("number", second, "keyword", "win")));
    }

    @Test
    void theOperatorRegistersKeywordsWithTheAccountsCommand() {
        String shared = uniqueShortCode();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AccountsCommand command = new AccountsCommand(accounts, keywords, declarer);

        int registered = command.run(List.of("keyword", owner, shared, "Enter"), print(out), print(err));
        int taken = command.run(List.of("keyword", DEFAULT_ACCOUNT, shared, "enter"), print(out), print(err));
        int unknown = command.run(List.of("keyword", "nobody-" + owner, shared, "other"), print(out), print(err));
        int bad = command.run(List.of("keyword", owner, shared, "two words"), print(out), print(err));

        assertThat(registered).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("starting with 'enter' now belong to " + owner)
                .contains("consume " + keywordQueue("enter"));
        assertThat(List.of(taken, unknown, bad)).containsOnly(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is taken", "no account nobody-",
                "is not a keyword");
        assertThat(ok(get(owner, PATH)).findValuesAsString("keyword")).containsExactly("enter");
    }

    @Test
    void badInputNamesTheField() {
        assertBadRequest(form("number", number, "keyword", "two words"), "keyword");
        assertBadRequest(form("number", number, "keyword", "a".repeat(33)), "keyword");
        assertBadRequest(form("number", number, "keyword", "caf\u00e9"), "keyword");
        assertBadRequest(form("number", number), "keyword");
        assertBadRequest(form("number", "abc", "keyword", "win"), "number");
        assertBadRequest(form("number", "12", "keyword", "win"), "number");
        assertBadRequest(form("keyword", "win"), "number");
    }

    @Test
    void withoutAPasswordEveryKeywordPathAnswers401() {
        assertThat(get(null, PATH).statusCode()).isEqualTo(401);
        assertThat(postForm(null, PATH, form("number", number, "keyword", "win")).statusCode()).isEqualTo(401);
        assertThat(delete(null, "/api/v1/account/keywords/1.json").statusCode()).isEqualTo(401);
    }

    private void assertBadRequest(String body, String field) {
        HttpResponse<String> response = postForm(owner, PATH, body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(json(response).get("field").asString()).isEqualTo(field);
    }

    private UserMessage inbound(String content) {
        return inbound(number, content);
    }

    private UserMessage inbound(String to, String content) {
        return UserMessage.builder().toAddr(to).fromAddr("+27831234567").content(content)
                .transportName(testName + "_clickatell").transportType("sms")
                .transportMetadata(Map.of("provider_message_id", "p-" + UUID.randomUUID(), "charset", "utf8"))
                .build();
    }

    /** The queue the API hands the keyword's SMS to; removed after the class. */
    private String keywordQueue(String keyword) {
        String name = queue("keyword." + keyword);
        keywordQueues.add(name);
        return name;
    }

    /** A short code no other test of the class uses. */
    private static String uniqueShortCode() {
        return String.valueOf(100_000 + SHORT_CODES.getAndIncrement() % 900_000);
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private int receivedBy(String username) {
        return jdbc.queryForObject("select count(*) from received_sms where account_id = ?", Integer.class,
                accountId(username));
    }

    /** What a worker runner gives a worker: publishes at once, confirmed before the handled message is acked. */
    private Outbox worker() {
        return new Outbox() {
            @Override
            public void send(UserMessage message) {
                throw new AssertionError("replies to keyword SMS go through the API");
            }

            @Override
            public void publish(String routingKey, Message message) {
                publisher.publish(routingKey, message).join();
            }
        };
    }

    private void publish(String routingKey, Message message) {
        publisher.publish(routingKey, message).join();
    }
}
