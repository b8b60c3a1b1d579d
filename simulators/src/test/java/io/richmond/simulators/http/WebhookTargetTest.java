package io.richmond.simulators.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8001", "http://127.0.0.1:8001/"})
    void pathsAreAppendedToTheBaseUrl(String base) {
        assertThat(new WebhookTarget(URI.create(base), null, null).resolve("/api/v1/sms/opera/receipt.json"))
                .isEqualTo(URI.create("http://127.0.0.1:8001/api/v1/sms/opera/receipt.json"));
    }

    @Test
    void credentialsBecomeABasicAuthorizationAndStayOutOfToString() {
        WebhookTarget target = new WebhookTarget(URI.create("https://richmond.example/sms"), "clickatell", "s3cret");

        assertThat(target.authorization()).hasValue("Basic Y2xpY2thdGVsbDpzM2NyZXQ=");
        assertThat(target.toString()).doesNotContain("s3cret");
        assertThat(new WebhookTarget(URI.create("http://x"), null, null).authorization()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1", "127.0.0.1:8001", "/relative", "http:///nohost",
            "http://127.0.0.1:8001/?q=1", "http://127.0.0.1:8001/#top"})
    void refusesWhatIsNotAnHttpBaseUrl(String url) {
        assertThatThrownBy(() -> new WebhookTarget(URI.create(url), null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesHalfCredentialsAndAColonInTheUsername() {
        URI url = URI.create("http://127.0.0.1:8001");
        assertThatThrownBy(() -> new WebhookTarget(url, "user", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookTarget(url, null, "pw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookTarget(url, "us:er", "pw")).isInstanceOf(IllegalArgumentException.class);
    }
}
