package io.richmond.api.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.richmond.api.ApiTestBase;
import io.richmond.sdk.message.SmsEncoding;
import io.richmond.testsupport.LocalServices;
import tools.jackson.databind.JsonNode;

/**
 * Concurrent send requests share one transaction, and each still gets the answer it would get alone. To put
 * requests in one batch for certain, the test holds both batch threads: an SMS whose message starts with "held" waits
 * for an advisory lock the test holds, so whatever is submitted meanwhile is stored as one batch once it lets go.
 * An SMS with the message "refused" is refused by the database.
 */
class SendBatchingTest extends ApiTestBase {

    private static final String REFUSED = "refused";

    @Autowired
    private SendBatcher sends;

    private final int lockKey = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    private Connection lockHolder;
    private long account;

    @BeforeEach
    void holdOrRefuseSomeSms() throws SQLException {
        account = accountId(newAccount("batch"));
        jdbc.execute("create or replace function hold_or_refuse_sms() returns trigger language plpgsql as $$"
                + " begin"
                + "   if new.message = '" + REFUSED + "' then raise exception 'refused by the test'; end if;"
                + "   if new.message like 'held%' then perform pg_advisory_xact_lock_shared(" + lockKey + "); end if;"
                + "   return new;"
                + " end $$");
        jdbc.execute("create or replace trigger hold_or_refuse_sms before insert on sent_sms for each row"
                + " execute function hold_or_refuse_sms()");
        LocalServices.Database db = LocalServices.postgres().orElseThrow();
        lockHolder = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    @AfterEach
    void dropTheLockAndTrigger() throws SQLException {
        lockHolder.close();
        jdbc.execute("drop trigger hold_or_refuse_sms on sent_sms");
    }

    @Test
    void fiftyConcurrentSendsGetTheirOwnAnswersAndRowsInFewerBatches() {
        String user = newAccount("fifty");
        // Checks the password once, so that the fifty arrive together rather than one BCrypt apart.
        ok(get(user, "/api/v1/sms/clickatell/status.json"));
        List<HttpResponse<String>> answers;
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<CompletableFuture<HttpResponse<String>>> posts = IntStream.range(0, 50)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> postForm(user, "/api/v1/sms/clickatell/send.json",
                            form("to_msisdn", recipient(i), "from_msisdn", "27820000000", "message", "hello " + i)),
                            clients))
                    .toList();
            answers = posts.stream().map(CompletableFuture::join).toList();
        } finally {
            clients.shutdown();
        }

        Map<Long, String> answered = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            JsonNode answer = ok(answers.get(i));
            assertThat(answer.size()).isEqualTo(1);
            assertThat(answer.get(0).get("to_msisdn").asString()).isEqualTo(recipient(i));
            assertThat(answer.get(0).get("message").asString()).isEqualTo("hello " + i);
            answered.put(answer.get(0).get("id").asLong(), recipient(i) + " hello " + i);
        }
        assertThat(answered).hasSize(50);
        Map<Long, String> stored = new HashMap<>();
        jdbc.query("select id, to_msisdn, message from sent_sms where account_id = ?", row -> {
            stored.put(row.getLong("id"), row.getString("to_msisdn") + " " + row.getString("message"));
        }, accountId(user));
        assertThat(stored).isEqualTo(answered);
        // A batch stores its SMS with one created_at (xmin would not tell: marking them published rewrites the rows).
        int batches = jdbc.queryForObject("select count(distinct created_at) from sent_sms where account_id = ?",
                Integer.class, accountId(user));
        assertThat(batches).as("batches that stored the 50").isLessThan(50);
    }

    @Test
    void aRequestWhoseStoreFailsFailsAloneNotItsBatch() throws Exception {
        List<CompletableFuture<SmsService.Sent>> plugs = holdBothBatchThreads();
        List<CompletableFuture<SmsService.Sent>> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(sends.submit(request(i == 5 ? REFUSED : "good " + i, null)));
        }

        advisory("pg_advisory_unlock");

        for (CompletableFuture<SmsService.Sent> plug : plugs) {
            assertThat(plug.get().created()).hasSize(1);
        }
        assertThatThrownBy(() -> batch.get(5).get()).isInstanceOf(ExecutionException.class)
                .hasStackTraceContaining("refused by the test");
        for (int i = 0; i < 10; i++) {
            if (i != 5) {
                SmsService.Sent sent = batch.get(i).get();
                assertThat(sent.created()).extracting(SentSms::getMessage).containsExactly("good " + i);
                assertThat(sent.body()).contains("\"id\":" + sent.created().get(0).getId());
            }
        }
        assertThat(jdbc.queryForList("select message from sent_sms where account_id = ? and message like 'good %'",
                String.class, account)).hasSize(9);
    }

    @Test
    void theSameKeyTwiceInOneBatchStoresOneSetAndReplaysIt() throws Exception {
        holdBothBatchThreads();
        CompletableFuture<SmsService.Sent> first = sends.submit(request("once", "same-batch"));
        CompletableFuture<SmsService.Sent> second = sends.submit(request("once", "same-batch"));

        advisory("pg_advisory_unlock");

        assertThat(second.get().body()).isEqualTo(first.get().body());
        assertThat(first.get().created().size() + second.get().created().size()).isEqualTo(1);
        assertThat(storedWithMessage("once")).isEqualTo(1);
    }

    @Test
    void aKeyReusedForAnotherRequestIsRefusedAloneAndItsBatchStoredAsOne() throws Exception {
        sends.send(request("first use", "reused"));
        holdBothBatchThreads();
        CompletableFuture<SmsService.Sent> reused = sends.submit(request("another text", "reused"));
        List<CompletableFuture<SmsService.Sent>> others = IntStream.range(0, 5)
                .mapToObj(i -> sends.submit(request("beside " + i, null))).toList();

        advisory("pg_advisory_unlock");

        assertThat(reused.get().keyUsedForAnotherRequest()).isTrue();
        assertThat(reused.get().created()).isEmpty();
        assertThat(storedWithMessage("another text")).isZero();
        for (CompletableFuture<SmsService.Sent> other : others) {
            assertThat(other.get().keyUsedForAnotherRequest()).isFalse();
            assertThat(other.get().created()).hasSize(1);
        }
        assertThat(jdbc.queryForObject("select count(distinct created_at) from sent_sms where account_id = ?"
                + " and message like 'beside %'", Integer.class, account))
                .as("stored in a batch, or two when both threads take from the queue at once; not one at a time")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void theSameKeyInTwoBatchesAtOnceStoresOneSet() throws Exception {
        advisory("pg_advisory_lock");
        CompletableFuture<SmsService.Sent> first = sends.submit(request("held twice", "two-batches"));
        await().atMost(DEADLINE).until(() -> waitingForTheLock() == 1);
        CompletableFuture<SmsService.Sent> second = sends.submit(request("held twice", "two-batches"));
        // The other thread's claim of the key waits for the first batch's row.
        await().atMost(DEADLINE).until(() -> blockedByAWaiter() == 1);

        advisory("pg_advisory_unlock");

        assertThat(first.get().created()).hasSize(1);
        assertThat(second.get().created()).isEmpty();
        assertThat(second.get().body()).isEqualTo(first.get().body());
        assertThat(storedWithMessage("held twice")).isEqualTo(1);
    }

    @Test
    void twoConcurrentPostsWithTheSameKeyStoreOneSet() {
        String user = newAccount("idem");
        String body = form("to_msisdn", "27821111111", "from_msisdn", "27820000000", "message", "concurrent");
        List<CompletableFuture<HttpResponse<String>>> posts = IntStream.range(0, 2)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> postForm(user, "/api/v1/sms/opera/send.json", body,
                        "Idempotency-Key", "concurrent-1")))
                .toList();

        List<String> answers = posts.stream().map(CompletableFuture::join).map(answer -> ok(answer).toString())
                .toList();

        assertThat(answers.get(1)).isEqualTo(answers.get(0));
        assertThat(jdbc.queryForObject("select count(*) from sent_sms where account_id = ?", Integer.class,
                accountId(user))).isEqualTo(1);
    }

    /** Submits a held request per batch thread, each once the previous one waits: both threads are then busy. */
    private List<CompletableFuture<SmsService.Sent>> holdBothBatchThreads() {
        advisory("pg_advisory_lock");
        List<CompletableFuture<SmsService.Sent>> plugs = new ArrayList<>();
        for (int thread = 1; thread <= 2; thread++) {
            plugs.add(sends.submit(request("held " + thread, null)));
            int waiting = thread;
            await().atMost(DEADLINE).until(() -> waitingForTheLock() == waiting);
        }
        return plugs;
    }

    private SmsService.Request request(String message, String idempotencyKey) {
        return new SmsService.Request(account, Gateway.CLICKATELL, SendOperation.SEND,
                List.of(new SmsDraft("27821234567", "27820000000", message, SmsEncoding.of(message))), idempotencyKey);
    }

    private int storedWithMessage(String message) {
        return jdbc.queryForObject("select count(*) from sent_sms where account_id = ? and message = ?", Integer.class,
                account, message);
    }

    /** Transactions waiting for the advisory lock: a key under 2^31 is objid, with objsubid 1 for a bigint key. */
    private int waitingForTheLock() {
        return jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and not granted"
                + " and classid = 0 and objid = ? and objsubid = 1", Integer.class, lockKey);
    }

    /** Sessions waiting for a transaction that itself waits for the advisory lock. */
    private int blockedByAWaiter() {
        return jdbc.queryForObject("select count(*) from pg_stat_activity s where exists (select 1 from pg_locks l"
                + " where l.locktype = 'advisory' and not l.granted and l.classid = 0 and l.objid = ?"
                + " and l.objsubid = 1 and l.pid = any(pg_blocking_pids(s.pid)))", Integer.class, lockKey);
    }

    private void advisory(String function) {
        try (PreparedStatement statement = lockHolder.prepareStatement("select " + function + "(?::bigint)")) {
            statement.setInt(1, lockKey);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(int i) {
        return "2782" + (1_000_000 + i);
    }
}
