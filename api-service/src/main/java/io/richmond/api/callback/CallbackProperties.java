package io.richmond.api.callback;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API's side of the callback settings ({@code richmond.callbacks.*}, shared with callback-dispatcher).
 *
 * @param allowedHosts host names or literal addresses a callback URL may name although they are loopback, private,
 *     link-local or metadata addresses ({@code localhost,127.0.0.1} for the local dev setup and tests)
 */
@ConfigurationProperties("richmond.callbacks")
public record CallbackProperties(@DefaultValue("") List<String> allowedHosts) {
}
