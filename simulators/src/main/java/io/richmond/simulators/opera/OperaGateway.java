package io.richmond.simulators.opera;

import io.richmond.simulators.Durations;
import io.richmond.simulators.Terminal;
import io.richmond.simulators.Texts;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Opera's {@code EAPIGateway.SendSMS} (protocols.md §3.1): takes one struct, answers an {@code Identifier} that the
 * receipts name as their {@code reference}. Any account is welcome; a call without what Opera needs is a fault.
 * Both texts Opera has been sent are taken: {@code SMSText} (a string, or base64 of UTF-8) and Richmond's older
 * {@code SMSTexts} (one string per number).
 */
final class OperaGateway {

    static final String SEND_SMS = "EAPIGateway.SendSMS";

    private static final Pattern MSISDN = Pattern.compile("\\+?[1-9]\\d{6,14}");
    private static final List<String> REQUIRED = List.of("Service", "Password", "Channel", "Numbers");

    private final OperaReceipts receipts;
    private final Terminal terminal;
    private final SecureRandom random = new SecureRandom();

    OperaGateway(OperaReceipts receipts, Terminal terminal) {
        this.receipts = receipts;
        this.terminal = terminal;
    }

    /** The {@code methodResponse} for a call: the Identifier struct, or a fault. */
    String answer(byte[] body) {
        try {
            XmlRpcCall call = XmlRpcCall.parse(body);
            if (!call.methodName().equals(SEND_SMS)) {
                throw new XmlRpcFault(XmlRpcFault.METHOD_NOT_FOUND,
                        "method " + call.methodName() + " is not supported; only " + SEND_SMS + " is");
            }
            return XmlRpcResponses.success(Map.of("Identifier", sendSms(call.params())));
        } catch (XmlRpcFault fault) {
            terminal.println("opera: fault " + fault.code() + " (" + fault.getMessage() + ")");
            return XmlRpcResponses.fault(fault);
        }
    }

    private String sendSms(List<Object> params) throws XmlRpcFault {
        if (params.size() != 1 || !(params.get(0) instanceof Map<?, ?> struct)) {
            throw invalidParameters(SEND_SMS + " takes one struct, got " + params.size() + " parameters");
        }
        for (String member : REQUIRED) {
            if (!(struct.get(member) instanceof String value) || value.isBlank()) {
                throw invalidParameters("member " + member + " must be a non-empty string");
            }
        }
        List<String> numbers = numbers((String) struct.get("Numbers"));
        List<String> texts = texts(struct, numbers.size());
        Object receipt = struct.containsKey("Receipt") ? struct.get("Receipt") : "Y";
        if (!"Y".equals(receipt) && !"N".equals(receipt)) {
            throw invalidParameters("member Receipt must be Y or N, got " + receipt);
        }
        byte[] identifierBytes = new byte[4];
        random.nextBytes(identifierBytes);
        String identifier = HexFormat.of().formatHex(identifierBytes);
        String outcome = "Y".equals(receipt) ? "receipt in " + Durations.describe(receipts.delay())
                : "no receipt (Receipt=N)";
        for (int i = 0; i < numbers.size(); i++) {
            terminal.println("opera: SMS to " + numbers.get(i) + " '" + Texts.shortened(texts.get(i))
                    + "' -> Identifier " + identifier + ", " + outcome);
        }
        if ("Y".equals(receipt)) {
            receipts.deliver(identifier, numbers);
        }
        return identifier;
    }

    private static List<String> numbers(String numbers) throws XmlRpcFault {
        List<String> msisdns = new ArrayList<>();
        for (String number : numbers.split(",")) {
            if (!MSISDN.matcher(number.strip()).matches()) {
                throw invalidParameters("Numbers: '" + number.strip() + "' is not an international number");
            }
            msisdns.add(number.strip());
        }
        return msisdns;
    }

    /** One text per number. */
    private static List<String> texts(Map<?, ?> struct, int numbers) throws XmlRpcFault {
        Object text = struct.get("SMSText");
        if (text instanceof String string) {
            return Collections.nCopies(numbers, string);
        }
        if (text instanceof byte[] utf8) {
            return Collections.nCopies(numbers, new String(utf8, StandardCharsets.UTF_8));
        }
        if (text != null) {
            throw invalidParameters("member SMSText must be a string or base64");
        }
        if (!(struct.get("SMSTexts") instanceof List<?> list)) {
            throw invalidParameters("the text is missing: give SMSText, or SMSTexts with one string per number");
        }
        if (list.size() != numbers || !list.stream().allMatch(String.class::isInstance)) {
            throw invalidParameters("SMSTexts must hold one string per number: " + numbers + " numbers, "
                    + list.size() + " texts");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static XmlRpcFault invalidParameters(String reason) {
        return new XmlRpcFault(XmlRpcFault.INVALID_PARAMETERS, "invalid method parameters: " + reason);
    }
}
