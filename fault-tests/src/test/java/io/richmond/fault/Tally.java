package io.richmond.fault;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;

import io.richmond.testsupport.system.RecordingReceiver;

/**
 * What became of everything a {@link SteadyLoad} had accepted, once the fault is over: waits, within a deadline,
 * until it has all arrived, then counts per leg what was accepted, delivered, duplicated and lost.
 *
 * <ul>
 * <li>sms: answered 200 by the API; delivered when the provider took it at least once and it has exactly one row,
 * in a final status; duplicated: sends beyond the first.
 * <li>receipts: answered 2xx by the webhook; delivered when the row says delivered and the {@code sms_receipt}
 * callback came; duplicated: callbacks beyond the first.
 * <li>inbound: answered 200 by the webhook; delivered when stored and its {@code sms_received} callback came;
 * duplicated: callbacks beyond the first.
 * <li>ussd: sessions dialled on a live link; delivered when completed. A session the network ended (link lost,
 * timed out) was ended cleanly; one answered wrongly, or started after the recovery and not completed, is lost.
 * </ul>
 */
final class Tally {

    record Leg(String name, int accepted, int delivered, int duplicated, int lost, String notes) {
    }

    private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(90);
    private static final Pattern FIELD = Pattern.compile("name=\"(\\w+)\"\r\n\r\n(.*?)\r\n", Pattern.DOTALL);
    private static final Set<String> FINAL = Set.of("delivered", "failed", "rejected", "expired");

    private final Richmond richmond;
    private final SteadyLoad load;
    private final long recoveredNanos;

    Tally(Richmond richmond, SteadyLoad load, long recoveredNanos) {
        this.richmond = richmond;
        this.load = load;
        this.recoveredNanos = recoveredNanos;
    }

    /** Waits until all the load had accepted has arrived, or the deadline passes; then counts. */
    List<Leg> settle() throws SQLException {
        try {
            await(load.scenario() + ": everything accepted arrives").atMost(SETTLE_DEADLINE)
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> count().stream().allMatch(leg -> leg.delivered() == leg.accepted()
                            || leg.name().equals("ussd")));
        } catch (ConditionTimeoutException e) {
            // Reported below, leg by leg, as lost.
        }
        return count();
    }

    private List<Leg> count() throws SQLException {
        Map<String, Row> rows = sentRows();
        List<RecordingReceiver.Request> callbacks = richmond.customer().requests();
        return List.of(sms(rows), receipts(rows, callbacks), inbound(callbacks), ussd());
    }

    private Leg sms(Map<String, Row> rows) {
        Map<String, Long> sends = richmond.clickatell().sends().stream().map(send -> send.parameters().get("text"))
                .filter(load::owns).collect(Collectors.groupingBy(text -> text, Collectors.counting()));
        Set<String> accepted = load.smsAccepted().keySet();
        int delivered = 0;
        int duplicated = 0;
        List<String> missing = new ArrayList<>();
        for (String tag : accepted) {
            long sent = sends.getOrDefault(tag, 0L);
            Row row = rows.get(tag);
            boolean stored = row != null && row.count() == 1 && FINAL.contains(row.status());
            if (sent > 0 && stored) {
                delivered++;
            } else {
                missing.add(tag + " (sent " + sent + ", " + row + ")");
            }
            duplicated += (int) Math.max(0, sent - 1);
        }
        return new Leg("sms", accepted.size(), delivered, duplicated, accepted.size() - delivered, lost(missing));
    }

    private Leg receipts(Map<String, Row> rows, List<RecordingReceiver.Request> callbacks) {
        Map<String, Long> accepted = load.smsAccepted();
        List<String> acked = load.receiptsAcked().stream().filter(accepted::containsKey).toList();
        Map<String, Long> callbacksPerId = callbacks.stream().filter(request -> request.path().equals("/receipt"))
                .map(Tally::fields).filter(fields -> "delivered".equals(fields.get("status")))
                .collect(Collectors.groupingBy(fields -> fields.getOrDefault("id", ""), Collectors.counting()));
        int delivered = 0;
        int duplicated = 0;
        List<String> missing = new ArrayList<>();
        for (String tag : acked) {
            long called = callbacksPerId.getOrDefault(Long.toString(accepted.get(tag)), 0L);
            Row row = rows.get(tag);
            if (called > 0 && row != null && row.status().equals("delivered")) {
                delivered++;
            } else {
                missing.add(tag + " (" + called + " callbacks, " + row + ")");
            }
            duplicated += (int) Math.max(0, called - 1);
        }
        return new Leg("receipts", acked.size(), delivered, duplicated, acked.size() - delivered, lost(missing));
    }

    private Leg inbound(List<RecordingReceiver.Request> callbacks) throws SQLException {
        Map<String, Long> stored = receivedRows();
        Map<String, Long> callbacksPerText = callbacks.stream().filter(request -> request.path().equals("/received"))
                .map(Tally::fields).map(fields -> fields.getOrDefault("message", ""))
                .filter(load::owns).collect(Collectors.groupingBy(text -> text, Collectors.counting()));
        List<String> acked = load.moAcked();
        int delivered = 0;
        int duplicated = 0;
        int storedTwice = 0;
        List<String> missing = new ArrayList<>();
        for (String tag : acked) {
            long rows = stored.getOrDefault(tag, 0L);
            long called = callbacksPerText.getOrDefault(tag, 0L);
            if (rows > 0 && called > 0) {
                delivered++;
            } else {
                missing.add(tag + " (" + rows + " rows, " + called + " callbacks)");
            }
            duplicated += (int) Math.max(0, called - 1);
            storedTwice += (int) Math.max(0, rows - 1);
        }
        String notes = storedTwice == 0 ? "" : storedTwice + " stored twice";
        return new Leg("inbound", acked.size(), delivered, duplicated, acked.size() - delivered,
                String.join("; ", List.of(notes, lost(missing)).stream().filter(note -> !note.isEmpty()).toList()));
    }

    private Leg ussd() {
        List<SteadyLoad.UssdSession> sessions = load.ussdSessions();
        Map<SteadyLoad.UssdOutcome, Long> outcomes = sessions.stream()
                .collect(Collectors.groupingBy(SteadyLoad.UssdSession::outcome, Collectors.counting()));
        long completed = outcomes.getOrDefault(SteadyLoad.UssdOutcome.COMPLETED, 0L);
        long wrong = outcomes.getOrDefault(SteadyLoad.UssdOutcome.WRONG, 0L);
        long afterRecovery = sessions.stream().filter(session -> session.startedNanos() > recoveredNanos)
                .filter(session -> session.outcome() != SteadyLoad.UssdOutcome.COMPLETED).count();
        long linkLost = outcomes.getOrDefault(SteadyLoad.UssdOutcome.LINK_LOST, 0L);
        long timedOut = outcomes.getOrDefault(SteadyLoad.UssdOutcome.TIMED_OUT, 0L);
        String notes = linkLost + timedOut == 0 ? "" : "ended cleanly by the network: " + linkLost
                + " on a lost link, " + timedOut + " timed out";
        return new Leg("ussd", sessions.size(), (int) completed, 0, (int) (wrong + afterRecovery), notes);
    }

    /** The first few of what was lost, to start looking for them in the logs. */
    private static String lost(List<String> missing) {
        if (missing.isEmpty()) {
            return "";
        }
        return "lost: " + String.join(", ", missing.subList(0, Math.min(3, missing.size())))
                + (missing.size() > 3 ? ", ..." : "");
    }

    private static Map<String, String> fields(RecordingReceiver.Request request) {
        Map<String, String> fields = new HashMap<>();
        Matcher matcher = FIELD.matcher(new String(request.body(), StandardCharsets.UTF_8));
        while (matcher.find()) {
            fields.putIfAbsent(matcher.group(1), matcher.group(2));
        }
        return fields;
    }

    private record Row(int count, String status) {
    }

    private Map<String, Row> sentRows() throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (Connection connection = richmond.database(); PreparedStatement statement = connection.prepareStatement(
                "select message, count(*), min(lower(status)) from " + richmond.schema() + ".sent_sms"
                        + " where message like ? group by message")) {
            statement.setString(1, load.scenario() + " sms %");
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), new Row(result.getInt(2), result.getString(3)));
                }
            }
        }
        return rows;
    }

    private Map<String, Long> receivedRows() throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        try (Connection connection = richmond.database(); PreparedStatement statement = connection.prepareStatement(
                "select message, count(*) from " + richmond.schema() + ".received_sms where message like ?"
                        + " group by message")) {
            statement.setString(1, load.scenario() + " mo %");
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
        }
        return rows;
    }

    /**
     * Prints the legs and appends them to {@code target/fault-counts.md}, with the scenario's wall time and the
     * requests the load had to retry (how much of the fault its clients felt).
     */
    static void report(String scenario, Duration wallTime, int retries, List<Leg> legs) throws IOException {
        StringBuilder lines = new StringBuilder();
        if (!Files.exists(Richmond.countsFile())) {
            lines.append("| scenario | wall time | load retries | leg | accepted | delivered | duplicated | lost")
                    .append(" | notes |\n|---|---|---|---|---|---|---|---|---|\n");
        }
        for (Leg leg : legs) {
            lines.append("| %s | %d s | %d | %s | %d | %d | %d | %d | %s |%n".formatted(scenario,
                    wallTime.toSeconds(), retries, leg.name(), leg.accepted(), leg.delivered(), leg.duplicated(),
                    leg.lost(), leg.notes()));
        }
        System.out.print(lines);
        Files.writeString(Richmond.countsFile(), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
