package io.richmond.ussd.ssmi;

/**
 * One SSMI command, client to server ({@link FromClient}, protocols.md §1.2) or server to client
 * ({@link FromServer}, §1.3). Wire forms are in {@link SsmiCodec}; the records only hold the values.
 *
 * <p>Text fields hold exactly what is on the wire: MSISDNs without {@code +}, sequences as TruTeq sent them (they
 * need not be numeric), binary content as hex digits.
 */
public sealed interface SsmiCommand {

    /** A command the gateway sends to TruTeq. */
    sealed interface FromClient extends SsmiCommand {
    }

    /** A command TruTeq sends to the gateway. */
    sealed interface FromServer extends SsmiCommand {
    }

    // ---- client -> server ----

    /** 1 LOGIN. */
    record Login(String username, String password) implements FromClient {
        /** Keeps the password out of log lines. */
        @Override
        public String toString() {
            return "Login[username=" + username + ", password=***]";
        }
    }

    /** 2 SEND_SMS; {@code validityMinutes} 0 means TruTeq's default. */
    record SendSms(int validityMinutes, String msisdn, String message) implements FromClient {
    }

    /** 3 LINK_CHECK, answered with {@link Ack} {@link AckType#LINK_CHECK_RESPONSE}. */
    record LinkCheck() implements FromClient {
    }

    /** 4 SEND_BINARY_SMS; {@code pid} 0 standard / 15 enhanced, {@code coding} 0 7-bit / 246 8-bit. */
    record SendBinarySms(int validityMinutes, String msisdn, int pid, int coding, String hexMessage)
            implements FromClient {
    }

    /** 99 LOGOUT. */
    record Logout() implements FromClient {
    }

    /** 110 SEND_USSD_MESSAGE: a reply ({@link UssdType#EXISTING}, {@link UssdType#END}) or a push. */
    record SendUssd(String msisdn, UssdType type, String message) implements FromClient {
    }

    /** 111 SEND_MMS_MESSAGE. */
    record SendMms(String msisdn, String subject, String name, String hexContent) implements FromClient {
    }

    /** 112 SEND_WAP_PUSH_MESSAGE. */
    record SendWapPush(String msisdn, String subject, String url) implements FromClient {
    }

    /** 120 SEND_EXTENDED_USSD_MESSAGE. */
    record SendExtendedUssd(String msisdn, UssdType type, Genfields genfields, String message) implements FromClient {
    }

    /** 600 IMSI_LOOKUP, answered with {@link ImsiLookupReply}. */
    record ImsiLookup(String sequence, String msisdn, String imsi) implements FromClient {
    }

    // ---- server -> client ----

    /** 100 SEQ: the sequence TruTeq gave a binary send. */
    record Seq(String msisdn, String sequence) implements FromServer {
    }

    /** 101 ACK. */
    record Ack(AckType type) implements FromServer {
    }

    /** 102 NACK. */
    record Nack(NackType type) implements FromServer {
    }

    /** 103 MO: an incoming text SMS. */
    record MoSms(String msisdn, String sequence, String message) implements FromServer {
    }

    /**
     * 104 DR: a delivery report. {@code returnCode} 0 success, 1 expired, 2 SIM full, 3 destination barred,
     * 4 invalid destination address, 5 destination blacklisted.
     */
    record DeliveryReport(String msisdn, String sequence, int returnCode) implements FromServer {
    }

    /** 105 FREE_FORM. */
    record FreeForm(String text) implements FromServer {
    }

    /** 106 BINARY_MO. */
    record BinaryMoSms(String msisdn, String sequence, int pid, int coding, String hexMessage) implements FromServer {
    }

    /** 107 PREMIUM_MO. */
    record PremiumMoSms(String msisdn, String sequence, String destination, String message) implements FromServer {
    }

    /** 108 PREMIUM_BINARY_MO. */
    record PremiumBinaryMoSms(String msisdn, String sequence, int pid, int coding, String destination,
                              String hexMessage) implements FromServer {
    }

    /** 110 USSD_MESSAGE; {@code phase} 0 unknown, 1 or 2. */
    record UssdMessage(String msisdn, UssdType type, String phase, String message) implements FromServer {
    }

    /** 111 EXTENDED_USSD_MESSAGE: a USSD message with {@link Genfields}. */
    record ExtendedUssdMessage(String msisdn, UssdType type, String phase, Genfields genfields, String message)
            implements FromServer {
    }

    /** 199 LOGOUT: someone else logged in with this account, from {@code ip}. */
    record RemoteLogout(String ip) implements FromServer {
    }

    /** 600 IMSI_LOOKUP_REPLY. */
    record ImsiLookupReply(String sequence, String msisdn, String imsi, String spid) implements FromServer {
    }
}
