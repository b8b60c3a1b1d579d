package io.richmond.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API's own settings ({@code richmond.api.*}; {@code RICHMOND_API_MAX_SEGMENTS} and so on override them).
 *
 * @param maxSegments the most SMS segments one message may take; a longer message is refused with 400
 * @param maxRecipients the most {@code to_msisdn} values one request may carry
 * @param rateLimit the default request budget of an account
 * @param outbox when unconfirmed messages are published again
 * @param idempotencyTtl how long an {@code Idempotency-Key} replays its first answer
 * @param inboundDefaultAccount the account that receives SMS to a number no route names; empty drops them to
 *                              {@code <gw>.failures}
 * @param consumers handler threads per consumed queue
 * @param busPrefix put before every transport name and queue the API uses on the bus ({@code test_} makes
 *                  {@code test_clickatell.outbound}), so that several installations can share one broker
 * @param lookupCacheTtl how long keywords, number routes, the default account and callback URLs are remembered
 *                       for inbound SMS; changes through this process take effect at once, others after this
 * @param credentialCache how long and for how many accounts a password BCrypt accepted is accepted again without
 *                        BCrypt, and how long HTTP Basic remembers an account's row
 * @param pendingReceipts how many receipts may wait for their SMS's ack, and for how long
 * @param loginThrottle how many failed logins a username and a client address may make before they are answered
 *                      429 without their password being checked
 * @param template how large a {@code template_send.json} template may be
 */
@ConfigurationProperties("richmond.api")
public record ApiProperties(
        @DefaultValue("10") int maxSegments,
        @DefaultValue("1000") int maxRecipients,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Outbox outbox,
        @DefaultValue("24h") Duration idempotencyTtl,
        @DefaultValue("") String inboundDefaultAccount,
        @DefaultValue("2") int consumers,
        @DefaultValue("") String busPrefix,
        @DefaultValue("5s") Duration lookupCacheTtl,
        @DefaultValue CredentialCache credentialCache,
        @DefaultValue PendingReceipts pendingReceipts,
        @DefaultValue LoginThrottle loginThrottle,
        @DefaultValue Template template) {

    /**
     * @param requests requests an account may make per window, unless its own limit says otherwise
     * @param window the length of the window after which the budget is whole again
     */
    public record RateLimit(@DefaultValue("60") int requests, @DefaultValue("60s") Duration window) {
    }

    /**
     * @param sweepInterval how often the sweeper looks for unconfirmed rows
     * @param minAge how old an unconfirmed row must be before the sweeper publishes it again (younger ones may
     *               still get their confirm)
     * @param batchSize the most rows one sweep publishes
     * @param confirmTimeout how long a sweep waits for the broker's confirms
     */
    public record Outbox(@DefaultValue("5s") Duration sweepInterval, @DefaultValue("5s") Duration minAge,
            @DefaultValue("500") int batchSize, @DefaultValue("10s") Duration confirmTimeout) {
    }

    /**
     * @param ttl how long an accepted password is remembered; a changed password takes effect at once regardless
     * @param maximumSize the most accounts remembered at once
     * @param accountTtl how long an account's password hash and rate limit (or that no account has the username) are
     *                   remembered for HTTP Basic; changes through this process take effect at once, a change by
     *                   another process (the {@code accounts} command) after this
     */
    public record CredentialCache(@DefaultValue("60s") Duration ttl, @DefaultValue("10000") long maximumSize,
            @DefaultValue("5s") Duration accountTtl) {
    }

    /**
     * Receipts that name a provider id no ack has reported yet wait in {@code pending_receipt}; anyone who can post
     * to a provider webhook can make such receipts, so their number and age are bounded.
     *
     * @param maxPerGateway the most receipts one gateway keeps waiting; a new one beyond it is dropped and counted
     * @param ttl how long a receipt waits for its ack before the sweeper deletes it; longer than sms-transport's
     *            retries of one send wait (about ten minutes with its defaults)
     * @param sweepInterval how often expired receipts are deleted and the waiting ones counted for the gauge
     */
    public record PendingReceipts(@DefaultValue("10000") int maxPerGateway, @DefaultValue("1h") Duration ttl,
            @DefaultValue("30s") Duration sweepInterval) {

        public PendingReceipts {
            if (maxPerGateway < 0) {
                throw new IllegalArgumentException("richmond.api.pending-receipts.max-per-gateway must be 0 or more,"
                        + " got " + maxPerGateway);
            }
            if (ttl.isNegative() || ttl.isZero() || sweepInterval.isNegative() || sweepInterval.isZero()) {
                throw new IllegalArgumentException("richmond.api.pending-receipts.ttl and .sweep-interval must be"
                        + " positive, got " + ttl + " and " + sweepInterval);
            }
        }
    }

    /**
     * @param failuresPerUsername failed logins a username may have per window, from addresses it has not logged in
     *                            from
     * @param failuresPerAddress failed logins a client address (an IPv6 /64) may make per window, whatever the
     *                           usernames
     * @param window how long until a spent budget is whole again; it comes back a token at a time
     * @param knownAddressTtl how long an address whose last login for a username was right stays exempt from that
     *                        username's budget after its last login
     * @param maximumSize the most usernames, addresses and known addresses remembered, each
     */
    public record LoginThrottle(@DefaultValue("10") int failuresPerUsername,
            @DefaultValue("50") int failuresPerAddress, @DefaultValue("10m") Duration window,
            @DefaultValue("24h") Duration knownAddressTtl, @DefaultValue("10000") long maximumSize) {

        public LoginThrottle {
            if (failuresPerUsername < 1 || failuresPerAddress < 1) {
                throw new IllegalArgumentException("richmond.api.login-throttle.failures-per-username and"
                        + " failures-per-address must be at least 1, got " + failuresPerUsername + " and "
                        + failuresPerAddress);
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("richmond.api.login-throttle.window must be positive, got "
                        + window);
            }
        }
    }

    /**
     * @param maxLength the most characters a template may have
     * @param maxNesting how deep its sections ({@code {{#name}}}, {@code {{^name}}}) may nest
     */
    public record Template(@DefaultValue("10000") int maxLength, @DefaultValue("24") int maxNesting) {
    }
}
