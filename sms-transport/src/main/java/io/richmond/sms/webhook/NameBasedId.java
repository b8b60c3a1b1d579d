package io.richmond.sms.webhook;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A message or event id derived from what identifies the thing it is about, so that a provider repeating a webhook
 * call publishes the same id again and api-service, which keeps every id it took, drops the repeat. 32 hex digits
 * like a random id: a name-based (MD5) UUID without its dashes.
 */
final class NameBasedId {

    private NameBasedId() {
    }

    /**
     * @param kind  what the id is for, so that ids of different things never meet
     * @param parts the values that make the thing itself; null is told apart from empty
     */
    static String of(String kind, String... parts) {
        // Each part with its length: no choice of values can make two different lists spell the same name.
        StringBuilder name = new StringBuilder(kind);
        for (String part : parts) {
            name.append('|').append(part == null ? "-" : part.length() + ":" + part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
