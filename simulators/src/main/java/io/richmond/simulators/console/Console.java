package io.richmond.simulators.console;

import io.richmond.simulators.Terminal;
import io.richmond.simulators.clickatell.ClickatellMo;
import io.richmond.simulators.truteq.UssdPhone;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Locale;

/**
 * The keyboard side of the simulators: a person plays the phones. A line that is not a command is an answer in the
 * current USSD session, so that using a menu is just typing the option.
 */
public final class Console {

    private static final String HELP = String.join("\n",
            "Commands:",
            "  dial <code> [msisdn]     a phone (default " + UssdPhone.DEFAULT_MSISDN + ") dials a USSD code, e.g."
                    + " dial *120#",
            "  <text>                   answer in the current session; 'answer <text>' when the text is a command",
            "  hangup                   the phone ends the current session",
            "  timeout                  the network ends the current session (time-out)",
            "  sessions                 the open sessions; 'switch <n>' makes one current",
            "  sms <from> <to> <text>   an SMS from a phone to one of our numbers, through the fake Clickatell",
            "  help                     this list",
            "  quit                     close the console; the simulators keep running until Ctrl-C");

    private final UssdPhone phone;
    private final ClickatellMo clickatellMo;
    private final Terminal terminal;

    public Console(UssdPhone phone, ClickatellMo clickatellMo, Terminal terminal) {
        this.phone = phone;
        this.clickatellMo = clickatellMo;
        this.terminal = terminal;
    }

    /** Reads and runs commands until {@code quit} or the end of the input. */
    public void run(BufferedReader in) throws IOException {
        terminal.println("Console ready: type help for the commands.");
        while (true) {
            terminal.waitForLine(this::prompt);
            String line = in.readLine();
            terminal.lineEntered(line);
            if (line == null) {
                terminal.println("console: end of input; the simulators keep running until stopped");
                return;
            }
            if (!execute(line)) {
                terminal.println("console closed; the simulators keep running until stopped (Ctrl-C)");
                return;
            }
        }
    }

    /**
     * Runs one command line; what happens is told on the terminal.
     *
     * @return false for {@code quit}
     */
    public boolean execute(String line) {
        String command = line.strip();
        if (command.isEmpty()) {
            return true;
        }
        String[] words = command.split("\\s+", 2);
        String arguments = words.length == 2 ? words[1] : "";
        try {
            switch (words[0].toLowerCase(Locale.ROOT)) {
                case "help" -> terminal.println(HELP);
                case "dial" -> dial(arguments);
                case "answer" -> phone.answer(arguments);
                case "hangup" -> noArguments("hangup", arguments, phone::hangUp);
                case "timeout" -> noArguments("timeout", arguments, phone::timeOut);
                case "sessions" -> noArguments("sessions", arguments, phone::listSessions);
                case "switch" -> switchTo(arguments);
                case "sms" -> sms(arguments);
                case "quit" -> {
                    return false;
                }
                default -> phone.answer(command);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            terminal.println(e.getMessage());
        }
        return true;
    }

    private void dial(String arguments) {
        String[] words = arguments.isEmpty() ? new String[0] : arguments.split("\\s+");
        if (words.length < 1 || words.length > 2) {
            throw new IllegalArgumentException("usage: dial <code> [msisdn], e.g. dial *120# "
                    + UssdPhone.DEFAULT_MSISDN);
        }
        phone.dial(words[0], words.length == 2 ? words[1] : UssdPhone.DEFAULT_MSISDN);
    }

    private void switchTo(String arguments) {
        try {
            phone.switchTo(Integer.parseInt(arguments));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("usage: switch <n>, n from 'sessions'");
        }
    }

    private void sms(String arguments) {
        String[] words = arguments.split("\\s+", 3);
        if (words.length < 3) {
            throw new IllegalArgumentException("usage: sms <from> <to> <text>, e.g. sms 27820000001 27123456789 hello");
        }
        clickatellMo.send(words[0], words[1], words[2]);
    }

    private static void noArguments(String command, String arguments, Runnable action) {
        if (!arguments.isEmpty()) {
            throw new IllegalArgumentException(command + " takes no arguments; to answer with this text, type:"
                    + " answer " + command + " " + arguments);
        }
        action.run();
    }

    private String prompt() {
        String session = phone.currentLabel();
        return session.isEmpty() ? "> " : "[" + session + "]> ";
    }
}
