package io.richmond.simulators.truteq;

/** The lines the fake TruTeq sends (protocols.md §1.3), without the CR that ends each on the wire. */
final class ServerLines {

    static final String LOGIN_OK = "SSMI,101,1";
    static final String LINK_CHECK_ANSWER = "SSMI,101,2";
    /** The phase TruTeq reports when it does not know it. */
    private static final String UNKNOWN_PHASE = "0";

    private ServerLines() {
    }

    static String nack(Nack nack) {
        return "SSMI,102," + nack.code();
    }

    /**
     * 111 EXTENDED_USSD_MESSAGE: a USSD message whose genfields ({@code IMSI:Subscriber type:OperatorID:SessionID:
     * ValiPort}) carry TruTeq's session id.
     */
    static String ussd(String msisdn, UssdType type, String sessionId, String text) {
        return "SSMI,111," + msisdn + "," + type.code() + "," + UNKNOWN_PHASE + ",:::" + sessionId + ":," + text;
    }

    /** 199: someone else has logged in with this account. */
    static String remoteLogout(String ip) {
        return "SSMI,199," + ip;
    }
}
