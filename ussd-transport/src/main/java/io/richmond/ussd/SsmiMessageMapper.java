package io.richmond.ussd;

import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.richmond.sdk.message.SessionEvent;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.worker.UssdWorker;
import io.richmond.ussd.ssmi.SsmiCommand;
import io.richmond.ussd.ssmi.SsmiCommand.ExtendedUssdMessage;
import io.richmond.ussd.ssmi.SsmiCommand.SendUssd;
import io.richmond.ussd.ssmi.SsmiCommand.UssdMessage;
import io.richmond.ussd.ssmi.UssdType;

/**
 * SSMI USSD commands to Vumi user messages and back, as Vumi's TruTeq transport maps them: the USSD code of a
 * session is remembered from its first message, msisdns carry a {@code +} inside Richmond and none on the wire,
 * and a reply never contains a CR, which would end the SSMI line.
 */
final class SsmiMessageMapper {

    private static final Logger log = LoggerFactory.getLogger(SsmiMessageMapper.class);

    private final String transportName;
    private final UssdSessions sessions;

    SsmiMessageMapper(String transportName, UssdSessions sessions) {
        this.transportName = transportName;
        this.sessions = sessions;
    }

    /** The user message for a USSD command from TruTeq, or empty for a command that carries none. */
    Optional<UserMessage> inbound(SsmiCommand command) {
        if (command instanceof UssdMessage ussd) {
            return inbound(ussd.msisdn(), ussd.type(), ussd.message(), Map.of());
        }
        if (command instanceof ExtendedUssdMessage ussd) {
            return inbound(ussd.msisdn(), ussd.type(), ussd.message(), ussd.genfields().asMap());
        }
        return Optional.empty();
    }

    private Optional<UserMessage> inbound(String msisdn, UssdType type, String text, Map<String, String> genfields) {
        String from = msisdn.startsWith("+") ? msisdn : "+" + msisdn;
        UserMessage.Builder message = UserMessage.builder()
                .fromAddr(from)
                .transportName(transportName)
                .transportType("ussd")
                .helperMetadata(Map.of("truteq", Map.of("genfields", genfields)));
        switch (type) {
            case NEW -> {
                String ussdCode = text.endsWith("#") ? text : text + "#";
                sessions.start(from, ussdCode);
                message.toAddr(ussdCode).sessionEvent(SessionEvent.NEW).content(null);
            }
            case EXISTING -> message.toAddr(ussdCode(from)).sessionEvent(SessionEvent.RESUME).content(text);
            case END, TIMEOUT -> {
                message.toAddr(ussdCode(from)).sessionEvent(SessionEvent.CLOSE).content(text);
                if (type == UssdType.TIMEOUT) {
                    message.transportMetadata(Map.of(UssdWorker.SESSION_TIMEOUT, true));
                }
                sessions.end(from);
            }
            default -> {
                log.warn("USSD message of type {} from {} is not one TruTeq sends to a gateway; dropping it", type,
                        from);
                return Optional.empty();
            }
        }
        return Optional.of(message.build());
    }

    private String ussdCode(String msisdn) {
        return sessions.ussdCode(msisdn).orElseGet(() -> {
            log.warn("no USSD code known for {}: the session began before this transport started or more than the "
                    + "session lifetime ago; passing the message on with an empty to_addr", msisdn);
            return "";
        });
    }

    /** The SSMI reply for a worker's user message. */
    SendUssd outbound(UserMessage message) {
        String msisdn = message.toAddr().startsWith("+") ? message.toAddr().substring(1) : message.toAddr();
        UssdType type = message.sessionEvent() == null ? UssdType.EXISTING : switch (message.sessionEvent()) {
            case NEW -> UssdType.NEW;
            case RESUME -> UssdType.EXISTING;
            case CLOSE -> UssdType.END;
        };
        if (type == UssdType.END) {
            sessions.end(message.toAddr());
        }
        String content = message.content() == null ? "" : message.content();
        return new SendUssd(msisdn, type, content.replace("\r\n", "\n").replace('\r', '\n'));
    }
}
