package io.richmond.sms.clickatell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.richmond.sms.clickatell.ClickatellAnswer.Error;
import io.richmond.sms.clickatell.ClickatellAnswer.Success;
import io.richmond.testsupport.Fixtures;

/** Clickatell's plain-text answers, from the fixtures, line by line. */
class ClickatellAnswerTest {

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("clickatell/sendmsg_response_single.txt", List.of(new Success("ID", "apimsgid", null))),
                Arguments.of("clickatell/sendmsg_response_multi.txt", List.of(
                        new Success("ID", "apimsgid", "27123456781"), new Success("ID", "apimsgid", "27123456782"))),
                Arguments.of("clickatell/sendmsg_response_error.txt", List.of(new Error("301", "No Credit Left"))),
                Arguments.of("clickatell/sendmsg_response_mixed.txt", List.of(
                        new Success("OK", "apiMsgId", "27123456781"), new Error("301", "No Credit Left"))),
                Arguments.of("clickatell/auth_response_ok.txt", List.of(new Success("OK", "session_id_hash", null))),
                Arguments.of("clickatell/getbalance_response_ok.txt", List.of(new Success("Credit", "500.00", null))),
                Arguments.of("clickatell/getbalance_response_error.txt",
                        List.of(new Error("003", "Session ID Expired"))));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void fixturesParse(String fixture, List<ClickatellAnswer> expected) {
        assertThat(ClickatellAnswer.parse(Fixtures.text(fixture))).isEqualTo(expected);
    }

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("ERR: 108, Invalid or missing API ID", new Error("108", "Invalid or missing API ID")),
                Arguments.of("ERR: Invalid destination", new Error("", "Invalid destination")),
                Arguments.of("ERR: 114, Cannot route message, try later", new Error("114",
                        "Cannot route message, try later")),
                Arguments.of("ID: abc\r\n", new Success("ID", "abc", null)),
                Arguments.of("Internal error", new Error("", "Internal error")));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void linesParse(String body, ClickatellAnswer expected) {
        assertThat(ClickatellAnswer.parse(body)).containsExactly(expected);
    }

    @ParameterizedTest
    @MethodSource("answers")
    void blankLinesAreIgnored(String fixture, List<ClickatellAnswer> expected) {
        assertThat(ClickatellAnswer.parse("\n\n" + Fixtures.text(fixture) + "\n  \n")).isEqualTo(expected);
    }
}
