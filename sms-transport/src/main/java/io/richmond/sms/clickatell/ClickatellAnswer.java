package io.richmond.sms.clickatell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a Clickatell HTTP API answer. Answers are plain text, a line per recipient: {@code ID: <id>},
 * {@code ID: <id> To: <msisdn>}, {@code OK: <value>}, {@code ERR: <code>, <text>}, and batch answers mix them.
 */
public sealed interface ClickatellAnswer {

    /**
     * A line that is not an error: {@code keyword} is {@code ID}, {@code OK}, {@code Credit}, ...
     *
     * @param to the recipient the line is about, or null
     */
    record Success(String keyword, String value, String to) implements ClickatellAnswer {
    }

    /**
     * An {@code ERR:} line.
     *
     * @param code the three-digit code, or {@code ""} when the line has none
     */
    record Error(String code, String text) implements ClickatellAnswer {

        public boolean sessionExpired() {
            return code.equals("003");
        }

        /** {@code <code>: <text>}, as nacks carry it. */
        public String reason() {
            return code.isEmpty() ? text : code + ": " + text;
        }
    }

    Pattern TO = Pattern.compile("^(.*?)\\s+To:\\s*(\\S*)\\s*$");
    Pattern CODE = Pattern.compile("\\d+");

    /** Every non-blank line of {@code body}; a line without a {@code :} is an error without a code. */
    static List<ClickatellAnswer> parse(String body) {
        List<ClickatellAnswer> answers = new ArrayList<>();
        for (String line : body.split("\n")) {
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                answers.add(new Error("", line));
                continue;
            }
            String keyword = line.substring(0, colon).strip();
            String rest = line.substring(colon + 1).strip();
            if (keyword.equals("ERR")) {
                int comma = rest.indexOf(',');
                String head = comma < 0 ? rest : rest.substring(0, comma).strip();
                answers.add(CODE.matcher(head).matches()
                        ? new Error(head, comma < 0 ? "" : rest.substring(comma + 1).strip())
                        : new Error("", rest));
            } else {
                Matcher to = TO.matcher(rest);
                answers.add(to.matches() ? new Success(keyword, to.group(1), to.group(2))
                        : new Success(keyword, rest, null));
            }
        }
        return answers;
    }
}
