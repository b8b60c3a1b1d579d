package io.richmond.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Form posts with HTTP Basic credentials, as the API's clients and the providers' webhooks make them. Every call is
 * bounded: a service that is down or hanging must not stall the load.
 */
final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    HttpResponse<String> post(URI url, String credentials, String form, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(url, credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(URI url, String credentials, String form) throws IOException, InterruptedException {
        return client.send(request(url, credentials).header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(URI url, String credentials) {
        return HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
}
