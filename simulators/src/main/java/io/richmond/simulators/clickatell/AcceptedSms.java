package io.richmond.simulators.clickatell;

/**
 * One recipient's message that {@code sendmsg} accepted.
 *
 * @param cliMsgId the sender's own id for it, or {@code ""}
 * @param from     the sender id, or {@code ""} when the call named none
 * @param text     as the recipient reads it (UCS-2 hex already decoded)
 */
record AcceptedSms(String apiMsgId, String apiId, String cliMsgId, String from, String to, String text) {
}
