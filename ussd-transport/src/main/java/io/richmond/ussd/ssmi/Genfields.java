package io.richmond.ussd.ssmi;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The colon-separated {@code genfields} of an extended USSD message (111 from TruTeq, 120 to TruTeq):
 * {@code IMSI:Subscriber type:OperatorID:SessionID:ValiPort}, positional, values may be empty (protocols.md §1.5).
 *
 * <p>TruTeq leaves out trailing values ({@code 655011234567890:1::} has four), which read as empty strings.
 * {@code fieldCount} remembers how many values the wire form had so that {@link #format()} gives back exactly what
 * was parsed; two genfields that differ only in it carry the same information but are not {@code equals}.
 *
 * @param fieldCount how many colon-separated values the wire form has, 1 to 5; the values after it are empty
 */
public record Genfields(String imsi, String subscriberType, String operatorId, String sessionId, String valiPort,
                        int fieldCount) {

    private static final int FIELDS = 5;

    public Genfields {
        Objects.requireNonNull(imsi, "imsi");
        Objects.requireNonNull(subscriberType, "subscriberType");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(valiPort, "valiPort");
        if (fieldCount < 1 || fieldCount > FIELDS) {
            throw new IllegalArgumentException("fieldCount must be 1 to 5, not " + fieldCount);
        }
        String[] values = {imsi, subscriberType, operatorId, sessionId, valiPort};
        for (int i = 0; i < FIELDS; i++) {
            // ValiPort is last on the wire, so a colon in it survives a round trip; anywhere else it would shift values.
            if (i < FIELDS - 1 && values[i].indexOf(':') >= 0) {
                throw new IllegalArgumentException("genfields value " + (i + 1) + " contains a colon: '" + values[i] + "'");
            }
            if (i >= fieldCount && !values[i].isEmpty()) {
                throw new IllegalArgumentException(
                        "genfields value " + (i + 1) + " is not empty but fieldCount is " + fieldCount);
            }
        }
    }

    /** All five values, as they are written when sending. */
    public Genfields(String imsi, String subscriberType, String operatorId, String sessionId, String valiPort) {
        this(imsi, subscriberType, operatorId, sessionId, valiPort, FIELDS);
    }

    /**
     * Reads the wire form; never fails. Missing trailing values are empty; a colon after the fourth one is part of
     * ValiPort, in keeping with the SSMI rule that the last field takes the rest.
     */
    public static Genfields parse(String text) {
        String[] values = text.split(":", FIELDS);
        String[] padded = {"", "", "", "", ""};
        System.arraycopy(values, 0, padded, 0, values.length);
        return new Genfields(padded[0], padded[1], padded[2], padded[3], padded[4], values.length);
    }

    /** The wire form, with {@link #fieldCount()} values. */
    public String format() {
        String[] values = {imsi, subscriberType, operatorId, sessionId, valiPort};
        return String.join(":", Arrays.copyOf(values, fieldCount));
    }

    /** The values under the keys Vumi publishes in {@code helper_metadata.truteq.genfields}, in wire order. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("IMSI", imsi);
        map.put("Subscriber Type", subscriberType);
        map.put("OperatorID", operatorId);
        map.put("SessionID", sessionId);
        map.put("ValiPort", valiPort);
        return Collections.unmodifiableMap(map);
    }
}
