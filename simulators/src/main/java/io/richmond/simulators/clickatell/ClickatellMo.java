package io.richmond.simulators.clickatell;

import io.richmond.simulators.http.Forms;
import io.richmond.simulators.http.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * An SMS from a phone to one of our numbers, posted to sms-transport as Clickatell's two-way reply path does
 * (protocols.md §2.2, fixture {@code clickatell/mo.txt}).
 */
public final class ClickatellMo {

    static final String PATH = "/api/v1/sms/clickatell/receive.json";
    /** Clickatell writes an MO's time in South African time. */
    private static final ZoneOffset CLICKATELL_TIME_ZONE = ZoneOffset.ofHours(2);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
    private static final Pattern MSISDN = Pattern.compile("[1-9]\\d{6,14}");
    /** Our side may be a short code. */
    private static final Pattern NUMBER = Pattern.compile("\\d{3,15}");

    private final Webhooks webhooks;
    private final Supplier<String> apiId;

    /** @param apiId the account the message is for */
    ClickatellMo(Webhooks webhooks, Supplier<String> apiId) {
        this.webhooks = webhooks;
        this.apiId = apiId;
    }

    /**
     * Posts the SMS now.
     *
     * @param from the phone, an international number without {@code +}
     * @param to   our number or short code
     * @return the webhook's HTTP status
     * @throws IllegalArgumentException for a malformed number
     */
    public CompletableFuture<Integer> send(String from, String to, String text) {
        if (!MSISDN.matcher(from).matches()) {
            throw new IllegalArgumentException("the sender '" + from
                    + "' must be an international number without + or 00, e.g. 27820000001");
        }
        if (!NUMBER.matcher(to).matches()) {
            throw new IllegalArgumentException("the recipient '" + to + "' must be a number or short code of 3 to 15"
                    + " digits, e.g. 27123456789 or 32323");
        }
        String moMsgId = UUID.randomUUID().toString().replace("-", "");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("api_id", apiId.get());
        fields.put("from", from);
        fields.put("to", to);
        fields.put("timestamp", TIMESTAMP.format(ZonedDateTime.now(CLICKATELL_TIME_ZONE)));
        fields.put("text", text);
        fields.put("charset", "UTF-8");
        fields.put("udh", "");
        fields.put("moMsgId", moMsgId);
        return webhooks.post(PATH, "application/x-www-form-urlencoded",
                Forms.encode(fields).getBytes(StandardCharsets.UTF_8),
                "clickatell: SMS from " + from + " to " + to + " (moMsgId " + moMsgId + ")");
    }
}
