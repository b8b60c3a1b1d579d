package io.richmond.local.banner;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.richmond.local.account.BootstrapAccount;
import io.richmond.local.services.WebhookLogin;

/**
 * What a local run prints once everything answers: where each part is, how to log in, and a first request.
 *
 * @param webhookLogin what the webhooks want, for posting to them by hand
 * @param passwordWorks whether the API took the account's password; when not, the banner says how to set one
 *     instead of showing a password that does not work
 * @param databaseEnvironment what the account command needs to reach the database
 */
public record Banner(URI api, URI webhooks, WebhookLogin webhookLogin, BootstrapAccount account,
        boolean passwordWorks, String broker, String database, Map<String, String> databaseEnvironment,
        String simulators, Path logs, Duration startup) {

    public String render() {
        String credentials = account.username() + ":" + account.password();
        StringBuilder text = new StringBuilder();
        text.append('\n')
                .append("Richmond is running (started in ").append(startup.toSeconds()).append(" s).\n\n")
                .append("  API          ").append(api).append("   Swagger UI: ").append(api.resolve("/swagger-ui.html"))
                .append('\n')
                .append("  Account      ").append(accountLine()).append('\n')
                .append("  Webhooks     ").append(webhooks.resolve("/api/v1/sms/clickatell/receipt.json")).append("  ")
                .append(webhooks.resolve("/api/v1/sms/clickatell/receive.json")).append('\n')
                .append("               ").append(webhooks.resolve("/api/v1/sms/opera/receipt.json")).append("  ")
                .append(webhooks.resolve("/api/v1/sms/opera/receive.xml")).append('\n')
                .append("               HTTP Basic ").append(webhookLogin.username()).append(" / ")
                .append(webhookLogin.password()).append("   (new at every run; the simulators send it)\n")
                .append("  Simulators   ").append(simulators).append('\n')
                .append("  Broker       ").append(broker).append('\n')
                .append("  Database     ").append(database).append('\n')
                .append("  Logs         ").append(logs).append('\n');
        if (passwordWorks) {
            text.append("\nTry:\n")
                    .append("  curl -u ").append(shellQuoted(credentials)).append(" -X POST ")
                    .append(api.resolve("/api/v1/sms/clickatell/send.json")).append(" \\\n")
                    .append("       -d 'to_msisdn=27123456789' -d 'from_msisdn=27123456789' -d 'message=hello world'\n")
                    .append("  curl -u ").append(shellQuoted(credentials)).append(' ')
                    .append(api.resolve("/api/v1/sms/clickatell/status.json")).append('\n');
        }
        text.append("\nThe simulators' console has the terminal (type help). Ctrl-C stops everything.\n");
        return text.toString();
    }

    private String accountLine() {
        if (passwordWorks) {
            return account.username() + " / " + account.password() + "   (" + account.origin() + ")";
        }
        String environment = new TreeMap<>(databaseEnvironment).entrySet().stream()
                .map(variable -> variable.getKey() + "=" + shellQuoted(variable.getValue()))
                .collect(Collectors.joining(" "));
        return account.username() + ": the API refused the password " + account.origin() + ". The database had"
                + " accounts before this run (api-service creates the first one only), or the password was changed."
                + " Set one with:\n               " + environment
                + " java -jar api-service/target/api-service.jar accounts password " + account.username()
                + " NEW-PASSWORD\n               (or 'accounts create " + account.username() + " NEW-PASSWORD' if"
                + " there is no such account)";
    }

    /** The text in single quotes, for a shell to read back as it is. */
    static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
