package io.richmond.simulators.http;

import io.richmond.simulators.Terminal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Posts to sms-transport's webhooks as the providers do, now or after a delay, and tells the terminal how each post
 * was answered. A post that fails is reported and not retried: the person watching can send again.
 */
public final class Webhooks implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);
    private static final int EXCERPT_LENGTH = 200;

    private final WebhookTarget target;
    private final Terminal terminal;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;

    public Webhooks(WebhookTarget target, Terminal terminal) {
        this.target = target;
        this.terminal = terminal;
        // HTTP/1.1: a cleartext HTTP/2 upgrade attempt buys nothing against a local service.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "webhook-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    public WebhookTarget target() {
        return target;
    }

    /**
     * Posts {@code body} to the webhook at {@code path} and reports the answer as {@code what -> status}.
     *
     * @return the status, or a future failed with why there was none
     */
    public CompletableFuture<Integer> post(String path, String contentType, byte[] body, String what) {
        URI url = target.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(ANSWER_TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        target.authorization().ifPresent(authorization -> request.header("Authorization", authorization));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        terminal.println(what + ": POST " + url + " failed: " + describe(failure));
                    } else if (response.statusCode() / 100 == 2) {
                        terminal.println(what + ": POST " + url + " -> " + response.statusCode());
                    } else {
                        terminal.println(what + ": POST " + url + " -> " + response.statusCode() + " "
                                + excerpt(response.body()));
                    }
                })
                .thenApply(HttpResponse::statusCode);
    }

    /** {@link #post} after {@code delay}. */
    public void postLater(Duration delay, String path, String contentType, byte[] body, String what) {
        scheduler.schedule(() -> post(path, contentType, body, what), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Posts still waiting for their delay are dropped. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** The failure without the future's wrapping; connection errors have no message of their own. */
    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof ConnectException) {
            return "cannot connect (is sms-transport running?)";
        }
        String name = cause.getClass().getSimpleName();
        return cause.getMessage() == null ? name : name + ": " + cause.getMessage();
    }

    private static String excerpt(String body) {
        String text = body.strip().replace('\n', ' ');
        return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH) + "...";
    }
}
