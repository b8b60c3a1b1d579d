package io.richmond.testsupport.system;

import java.util.ArrayList;
import java.util.List;

import io.richmond.testsupport.LocalServices.Database;

/**
 * The command-line arguments that put a service started as a {@link ServiceProcess} on a run's own schema,
 * exchange and queue prefix, and sms-transport on a {@link FakeClickatell}.
 */
public final class ServiceArguments {

    private ServiceArguments() {
    }

    /** The database's connection, every table in {@code schema}. */
    public static List<String> datasource(Database database, String schema) {
        String separator = database.jdbcUrl().contains("?") ? "&" : "?";
        return List.of(
                "--spring.datasource.url=" + database.jdbcUrl() + separator + "currentSchema=" + schema,
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password());
    }

    public static List<String> bus(String amqpUri, String exchange) {
        return List.of("--richmond.amqp.uri=" + amqpUri, "--richmond.amqp.exchange=" + exchange);
    }

    /**
     * sms-transport's Clickatell sending to {@code baseUrl} with per-call credentials, its webhooks taking
     * {@code clickatell:hook-s3cret} and Opera's {@code opera:hook-s3cret}, and both transports named with
     * {@code prefix}.
     */
    public static List<String> clickatell(String prefix, String baseUrl) {
        return List.of(
                "--richmond.sms.clickatell.transport-name=" + prefix + "clickatell",
                "--richmond.sms.opera.transport-name=" + prefix + "opera",
                "--richmond.sms.clickatell.base-url=" + baseUrl,
                "--richmond.sms.clickatell.auth=per-call",
                "--richmond.sms.clickatell.api-id=3",
                "--richmond.sms.clickatell.username=richmond",
                "--richmond.sms.clickatell.password=provider-s3cret",
                "--richmond.sms.clickatell.webhook.username=clickatell",
                "--richmond.sms.clickatell.webhook.password=hook-s3cret",
                "--richmond.sms.opera.webhook.username=opera",
                "--richmond.sms.opera.webhook.password=hook-s3cret");
    }

    @SafeVarargs
    public static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
