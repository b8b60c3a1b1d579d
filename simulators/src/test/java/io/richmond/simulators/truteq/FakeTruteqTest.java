package io.richmond.simulators.truteq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.richmond.simulators.TerminalOutput;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FakeTruteqTest {

    private final TerminalOutput output = new TerminalOutput();
    private FakeTruteq truteq;
    private UssdPhone phone;

    @BeforeEach
    void start() throws Exception {
        truteq = FakeTruteq.start(new TruteqSettings(0, "username", "password"), output.terminal());
        phone = truteq.phone();
    }

    @AfterEach
    void stop() {
        truteq.close();
    }

    @Test
    void theRightLoginIsAcknowledgedAndLinkChecksAnswered() throws Exception {
        try (SsmiTestClient client = new SsmiTestClient(truteq.port())) {
            client.send("SSMI,1,username,password");
            assertThat(client.awaitLineNumber(1)).isEqualTo("SSMI,101,1");

            client.send("SSMI,3");
            assertThat(client.awaitLineNumber(2)).isEqualTo("SSMI,101,2");
        }
        assertThat(output.text()).contains("logged in as username");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "wrong password   | SSMI,1,username,secret",
            "wrong username   | SSMI,1,admin,password",
            "password + comma | SSMI,1,username,password,x",
    })
    void aWrongLoginIsRefusedWithNack1AndTheConnectionMayTryAgain(String name, String login) throws Exception {
        try (SsmiTestClient client = new SsmiTestClient(truteq.port())) {
            client.send(login);
            assertThat(client.awaitLineNumber(1)).isEqualTo("SSMI,102,1");
            assertThat(output.text()).contains("wrong username or password; answered SSMI,102,1");

            client.send("SSMI,1,username,password");
            assertThat(client.awaitLineNumber(2)).isEqualTo("SSMI,101,1");
        }
    }

    @Test
    void aPasswordWithCommasIsTheRestOfTheLine() throws Exception {
        try (FakeTruteq commas = FakeTruteq.start(new TruteqSettings(0, "user", "pass,word"), output.terminal());
             SsmiTestClient client = new SsmiTestClient(commas.port())) {
            client.send("SSMI,1,user,pass,word");
            assertThat(client.awaitLineNumber(1)).isEqualTo("SSMI,101,1");
        }
    }

    @Test
    void nothingButALoginIsAnsweredBeforeTheLogin() throws Exception {
        try (SsmiTestClient client = new SsmiTestClient(truteq.port())) {
            client.send("SSMI,3");
            client.send("SSMI,110,27831112222,2,hello");
            client.send("SSMI,1,username,password");

            assertThat(client.awaitLineNumber(1)).isEqualTo("SSMI,101,1");
            assertThat(output.text()).contains("ignoring 'SSMI,3'").contains("it has not logged in");
            assertThat(client.received()).containsExactly("SSMI,101,1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no SSMI header       | Garbage                   | SSMI,102,3",
            "an empty line        | ''                        | SSMI,102,3",
            "no command id        | SSMI                      | SSMI,102,3",
            "a command id in text | SSMI,three                | SSMI,102,3",
            "an unknown command   | SSMI,999,x                | SSMI,102,2",
            "too few fields       | SSMI,110,27831112222      | SSMI,102,3",
            "a bad USSD type      | SSMI,110,27831112222,9,hi | SSMI,102,3",
            "a USSD type in text  | SSMI,110,27831112222,x,hi | SSMI,102,3",
            "fields on a check    | SSMI,3,now                | SSMI,102,3",
            "a bad SMS validity   | SSMI,2,soon,27831112222,hi | SSMI,102,3",
    })
    void aBadLineIsNackedAndTheConnectionCarriesOn(String name, String line, String nack) throws Exception {
        try (SsmiTestClient client = SsmiTestClient.loggedIn(truteq.port())) {
            client.send(line);
            assertThat(client.awaitLineNumber(2)).isEqualTo(nack);

            client.send("SSMI,3");
            assertThat(client.awaitLineNumber(3)).isEqualTo("SSMI,101,2");
        }
        assertThat(output.text()).contains("truteq: bad line from");
    }

    @Test
    void anOverlongLineIsDroppedAndTheConnectionCarriesOn() throws Exception {
        try (SsmiTestClient client = SsmiTestClient.loggedIn(truteq.port())) {
            client.send("SSMI,110,27831112222,2," + "x".repeat(9000));
            client.send("SSMI,3");

            assertThat(client.awaitLineNumber(2)).isEqualTo("SSMI,101,2");
            assertThat(output.text()).contains("that is too long");
        }
    }

    @Test
    void linesMayArriveSplitAndSeveralInOneWrite() throws Exception {
        try (SsmiTestClient client = new SsmiTestClient(truteq.port())) {
            client.sendRaw("SSMI,1,user");
            client.sendRaw("name,password\rSSMI,3\rSSMI,");
            client.sendRaw("3\r");

            assertThat(client.awaitLineNumber(3)).isEqualTo("SSMI,101,2");
            assertThat(client.received()).containsExactly("SSMI,101,1", "SSMI,101,2", "SSMI,101,2");
        }
    }

    @Test
    void commandsTheFakeDoesNotSimulateAreReportedNotNacked() throws Exception {
        try (SsmiTestClient client = SsmiTestClient.loggedIn(truteq.port())) {
            client.send("SSMI,2,0,27831112222,hi there!");
            client.send("SSMI,600,123,27831112222,12345");
            client.send("SSMI,3");

            assertThat(client.awaitLineNumber(2)).isEqualTo("SSMI,101,2");
            assertThat(output.text()).contains("truteq: SMS to 27831112222 'hi there!'")
                    .contains("command 600 is not simulated");
        }
    }

    @Test
    void aSessionDialledAnsweredAndEndedByTheGateway() throws Exception {
        try (SsmiTestClient client = SsmiTestClient.loggedIn(truteq.port())) {
            phone.dial("*120#", "27831112222");
            assertThat(client.awaitLineNumber(2)).isEqualTo("SSMI,111,27831112222,1,0,:::1:,*120#");
            assertThat(phone.currentLabel()).isEqualTo("1 *120#");

            client.send("SSMI,110,27831112222,2,Welcome, pick one:\n1. News\n2. Weather");
            await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.text())
                    .contains("[session 1, 27831112222 on *120#] menu, waiting for an answer:\n"
                            + "    Welcome, pick one:\n    1. News\n    2. Weather\n"));

            phone.answer("2");
            assertThat(client.awaitLineNumber(3)).isEqualTo("SSMI,111,27831112222,2,0,:::1:,2");

            client.send("SSMI,110,27831112222,3,Sunny, 25\u00b0C. Goodbye!");
            await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.text())
                    .contains("[session 1, 27831112222 on *120#] final message, session over:\n"
                            + "    Sunny, 25\u00b0C. Goodbye!\n"));
            assertThat(phone.currentLabel()).isEmpty();
            assertThatThrownBy(() -> phone.answer("3")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no open session");
        }
    }

    @Test
    void theUserHangsUpOrTheNetworkTimesOut() throws Exception {
        try (SsmiTestClient client = SsmiTestClient.loggedIn(truteq.port())) {
            phone.dial("*120*1#", "27831112222");
            phone.hangUp();
            phone.dial("*120*2#", "27831112222");
            phone.timeOut();

            assertThat(client.awaitLineNumber(5)).isEqualTo("SSMI,111,27831112222,4,0,:::2:,");
            assertThat(client.received()).containsExactly("SSMI,101,1",
                    "SSMI,111,27831112222,1,0,:::1:,*120*1#", "SSMI,111,27831112222,3,0,:::1:,",
                    "SSMI,111,27831112222,1,0,:::2:,*120*2#", "SSMI,111,27831112222,4,0,:::2:,");
            assertThatThrownBy(phone::hangUp).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void answersTravelInIso88591() throws Exception {
        try (SsmiTestClient client = SsmiTestClient.loggedIn(truteq.port())) {
            phone.dial("*120#", "27831112222");
            phone.answer("f\u00f6\u00f3b\u00e6r, ja");

            assertThat(client.awaitLineNumber(3)).isEqualTo("SSMI,111,27831112222,2,0,:::1:,f\u00f6\u00f3b\u00e6r, ja");
        }
    }

    @Test
    void severalSessionsAndTheConsoleWorksOnTheCurrentOne() throws Exception {
        try (SsmiTestClient client = SsmiTestClient.loggedIn(truteq.port())) {
            phone.dial("*120#", "27820000001");
            phone.dial("*130#", "27820000002");
            assertThat(phone.currentLabel()).isEqualTo("2 *130#");

            phone.switchTo(1);
            phone.answer("from the first");
            assertThat(client.awaitLineNumber(4)).isEqualTo("SSMI,111,27820000001,2,0,:::1:,from the first");

            phone.listSessions();
            assertThat(output.text()).contains("* session 1, 27820000001 on *120#\n")
                    .contains("  session 2, 27820000002 on *130#\n");

            client.send("SSMI,110,27820000001,3,bye");
            await().atMost(5, TimeUnit.SECONDS).until(() -> phone.currentLabel().equals("2 *130#"));
        }
    }

    @Test
    void theGatewayMayPushASession() throws Exception {
        try (SsmiTestClient client = SsmiTestClient.loggedIn(truteq.port())) {
            client.send("SSMI,110,27820000009,6,Your balance is low. Top up? 1. Yes 2. No");

            await().atMost(5, TimeUnit.SECONDS).until(() -> phone.currentLabel().equals("1"));
            assertThat(output.text()).contains("[session 1, 27820000009 (pushed)] pushed by the gateway");
            phone.answer("1");
            assertThat(client.awaitLineNumber(2)).isEqualTo("SSMI,111,27820000009,2,0,:::1:,1");
        }
    }

    @Test
    void aReplyForNoOpenSessionIsShownAsSuch() throws Exception {
        try (SsmiTestClient client = SsmiTestClient.loggedIn(truteq.port())) {
            client.send("SSMI,110,27820000005,2,anyone there?");
            client.send("SSMI,110,27820000005,5,elsewhere");

            await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.text())
                    .contains("[27820000005, no open session] menu, waiting for an answer:\n    anyone there?")
                    .contains("type 5 (REDIRECT), which TruTeq does not take from a gateway; ignored"));
        }
    }

    @Test
    void theLatestLoginGetsTheTrafficAndTheOneBeforeARemoteLogout() throws Exception {
        try (SsmiTestClient first = SsmiTestClient.loggedIn(truteq.port());
             SsmiTestClient second = SsmiTestClient.loggedIn(truteq.port())) {
            assertThat(first.awaitLineNumber(2)).isEqualTo("SSMI,199,127.0.0.1");

            phone.dial("*120#", "27831112222");
            assertThat(second.awaitLineNumber(2)).isEqualTo("SSMI,111,27831112222,1,0,:::1:,*120#");
            assertThat(first.received()).hasSize(2);
        }
    }

    @Test
    void aLogoutClosesTheConnectionAndNothingCanBeDialledWithoutALogin() throws Exception {
        try (SsmiTestClient client = SsmiTestClient.loggedIn(truteq.port())) {
            client.send("SSMI,99");
            await().atMost(5, TimeUnit.SECONDS).until(client::closedByServer);
        }
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThatThrownBy(() -> phone.dial("*120#",
                "27831112222")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no gateway is logged in"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"abc, 27831112222", "'*120#,1', 27831112222", "'', 27831112222", "*120#, +27831112222",
            "*120#, 0831112222", "*120#, 2783111222x"})
    void dialWantsAUssdCodeAndAnInternationalNumber(String code, String msisdn) throws Exception {
        try (SsmiTestClient client = SsmiTestClient.loggedIn(truteq.port())) {
            assertThatThrownBy(() -> phone.dial(code, msisdn)).isInstanceOf(IllegalArgumentException.class);
            client.send("SSMI,3");
            assertThat(client.awaitLineNumber(2)).isEqualTo("SSMI,101,2");
        }
    }

    @Test
    void aPhoneHasOneSessionAtATime() throws Exception {
        try (SsmiTestClient client = SsmiTestClient.loggedIn(truteq.port())) {
            phone.dial("*120#", "27831112222");

            assertThatThrownBy(() -> phone.dial("*130#", "27831112222")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("27831112222 is already in session 1");
            assertThatThrownBy(() -> phone.switchTo(7)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> phone.answer("a\rb")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @CsvSource({"-1, username, password", "65536, username, password", "0, '', password", "0, 'user,name', password",
            "0, username, ''"})
    void settingsWantAPortAndAUsableAccount(int port, String username, String password) {
        assertThatThrownBy(() -> new TruteqSettings(port, username, password))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTakenPortIsReportedWithThePort() throws Exception {
        TruteqSettings taken = new TruteqSettings(truteq.port(), "username", "password");

        assertThatThrownBy(() -> FakeTruteq.start(taken, output.terminal()))
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + truteq.port());
    }
}
