package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Credentials and callback secrets stay out of the logs, with the application's own loggers at DEBUG so that a
 * careless debug line would be caught too.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.level.io.richmond=DEBUG")
class SecretsNotLoggedTest extends ApiTestBase {

    @Test
    void passwordsBasicHeadersAndCallbackSecretsNeverReachTheLog(CapturedOutput output) {
        String user = "logged-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        accounts.create(user, password, NO_LIMIT);
        String header = basic(user, password);
        String urlPassword = "cbpw-" + UUID.randomUUID();
        String path = "/api/v1/account/callbacks.json";

        assertThat(send(request(null, "/api/v1/sms/clickatell/send.json").header("Authorization", header)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("to_msisdn", "27123456789",
                        "from_msisdn", "27123456789", "message", "hello")))).statusCode()).isEqualTo(200);
        assertThat(send(request(null, path).header("Authorization", header)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(form("sms_received",
                        "http://hook:" + urlPassword + "@localhost/received")))).statusCode()).isEqualTo(200);
        assertThat(send(request(null, path).header("Authorization", header)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("name", "sms_receipt", "url",
                        "http://hook:" + urlPassword + "@localhost/receipt", "format", "json"))))
                .statusCode()).isEqualTo(200);
        String firstSecret = json(send(request(null, "/api/v1/account/callback_secret.json")
                .header("Authorization", header).GET())).get("callback_secret").asString();
        String rotatedSecret = json(send(request(null, "/api/v1/account/callback_secret.json")
                .header("Authorization", header).POST(HttpRequest.BodyPublishers.noBody())))
                .get("callback_secret").asString();
        assertThat(send(request(null, path).header("Authorization", basic(user, password + "-wrong")).GET())
                .statusCode()).isEqualTo(401);
        assertThat(send(request(null, path).header("Authorization", basic(user, password)).GET()).statusCode())
                .isEqualTo(200);

        assertThat(rotatedSecret).isNotEqualTo(firstSecret);
        assertThat(output.getAll()).as("the captured log saw the requests").contains("api-service")
                .doesNotContain(password, header, header.substring("Basic ".length()), urlPassword, firstSecret,
                        rotatedSecret);
    }
}
