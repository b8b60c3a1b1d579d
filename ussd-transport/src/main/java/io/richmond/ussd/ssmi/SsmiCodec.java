package io.richmond.ussd.ssmi;

import io.richmond.ussd.ssmi.SsmiCommand.Ack;
import io.richmond.ussd.ssmi.SsmiCommand.BinaryMoSms;
import io.richmond.ussd.ssmi.SsmiCommand.DeliveryReport;
import io.richmond.ussd.ssmi.SsmiCommand.ExtendedUssdMessage;
import io.richmond.ussd.ssmi.SsmiCommand.FreeForm;
import io.richmond.ussd.ssmi.SsmiCommand.ImsiLookup;
import io.richmond.ussd.ssmi.SsmiCommand.ImsiLookupReply;
import io.richmond.ussd.ssmi.SsmiCommand.LinkCheck;
import io.richmond.ussd.ssmi.SsmiCommand.Login;
import io.richmond.ussd.ssmi.SsmiCommand.Logout;
import io.richmond.ussd.ssmi.SsmiCommand.MoSms;
import io.richmond.ussd.ssmi.SsmiCommand.Nack;
import io.richmond.ussd.ssmi.SsmiCommand.PremiumBinaryMoSms;
import io.richmond.ussd.ssmi.SsmiCommand.PremiumMoSms;
import io.richmond.ussd.ssmi.SsmiCommand.RemoteLogout;
import io.richmond.ussd.ssmi.SsmiCommand.SendBinarySms;
import io.richmond.ussd.ssmi.SsmiCommand.SendExtendedUssd;
import io.richmond.ussd.ssmi.SsmiCommand.SendMms;
import io.richmond.ussd.ssmi.SsmiCommand.SendSms;
import io.richmond.ussd.ssmi.SsmiCommand.SendUssd;
import io.richmond.ussd.ssmi.SsmiCommand.SendWapPush;
import io.richmond.ussd.ssmi.SsmiCommand.Seq;
import io.richmond.ussd.ssmi.SsmiCommand.UssdMessage;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * SSMI lines to {@link SsmiCommand}s and back (protocols.md §1.1–1.3). Lines are handled without their CR
 * terminator; framing and character decoding belong to {@link SsmiPipeline}.
 *
 * <p>A line is {@code SSMI,<id>,field,…} with no quoting: it is split into exactly as many fields as the command
 * defines and the last field takes the rest of the line, commas included.
 */
public final class SsmiCodec {

    private static final String HEADER = "SSMI";
    private static final String PREFIX = HEADER + ",";
    private static final String[] NO_FIELDS = {};

    private SsmiCodec() {
    }

    /**
     * Parses a line TruTeq sent.
     *
     * @throws SsmiParseException if it is not a valid server-to-client command
     */
    public static SsmiCommand.FromServer parseFromServer(String line) {
        int id = commandId(line);
        return switch (id) {
            case 100 -> {
                String[] f = fields(line, id, 2);
                yield new Seq(f[0], f[1]);
            }
            case 101 -> new Ack(code(fields(line, id, 1)[0], "ACK type", AckType::ofCode, line));
            case 102 -> new Nack(code(fields(line, id, 1)[0], "NACK type", NackType::ofCode, line));
            case 103 -> {
                String[] f = fields(line, id, 3);
                yield new MoSms(f[0], f[1], f[2]);
            }
            case 104 -> {
                String[] f = fields(line, id, 3);
                yield new DeliveryReport(f[0], f[1], number(f[2], "return code", line));
            }
            case 105 -> new FreeForm(fields(line, id, 1)[0]);
            case 106 -> {
                String[] f = fields(line, id, 5);
                yield new BinaryMoSms(f[0], f[1], number(f[2], "pid", line), number(f[3], "coding", line), f[4]);
            }
            case 107 -> {
                String[] f = fields(line, id, 4);
                yield new PremiumMoSms(f[0], f[1], f[2], f[3]);
            }
            case 108 -> {
                String[] f = fields(line, id, 6);
                yield new PremiumBinaryMoSms(f[0], f[1], number(f[2], "pid", line), number(f[3], "coding", line),
                        f[4], f[5]);
            }
            case 110 -> {
                String[] f = fields(line, id, 4);
                yield new UssdMessage(f[0], ussdType(f[1], line), f[2], f[3]);
            }
            case 111 -> {
                String[] f = fields(line, id, 5);
                yield new ExtendedUssdMessage(f[0], ussdType(f[1], line), f[2], Genfields.parse(f[3]), f[4]);
            }
            case 199 -> new RemoteLogout(fields(line, id, 1)[0]);
            case 600 -> {
                String[] f = fields(line, id, 4);
                yield new ImsiLookupReply(f[0], f[1], f[2], f[3]);
            }
            default -> throw new SsmiParseException("unknown command id " + id + " from the server", line);
        };
    }

    /**
     * Parses a line the gateway sent (used by servers and tests).
     *
     * @throws SsmiParseException if it is not a valid client-to-server command
     */
    public static SsmiCommand.FromClient parseFromClient(String line) {
        int id = commandId(line);
        return switch (id) {
            case 1 -> {
                String[] f = fields(line, id, 2);
                yield new Login(f[0], f[1]);
            }
            case 2 -> {
                String[] f = fields(line, id, 3);
                yield new SendSms(number(f[0], "validity", line), f[1], f[2]);
            }
            case 3 -> {
                fields(line, id, 0);
                yield new LinkCheck();
            }
            case 4 -> {
                String[] f = fields(line, id, 5);
                yield new SendBinarySms(number(f[0], "validity", line), f[1], number(f[2], "pid", line),
                        number(f[3], "coding", line), f[4]);
            }
            case 99 -> {
                fields(line, id, 0);
                yield new Logout();
            }
            case 110 -> {
                String[] f = fields(line, id, 3);
                yield new SendUssd(f[0], ussdType(f[1], line), f[2]);
            }
            case 111 -> {
                String[] f = fields(line, id, 4);
                yield new SendMms(f[0], f[1], f[2], f[3]);
            }
            case 112 -> {
                String[] f = fields(line, id, 3);
                yield new SendWapPush(f[0], f[1], f[2]);
            }
            case 120 -> {
                String[] f = fields(line, id, 4);
                yield new SendExtendedUssd(f[0], ussdType(f[1], line), Genfields.parse(f[2]), f[3]);
            }
            case 600 -> {
                String[] f = fields(line, id, 3);
                yield new ImsiLookup(f[0], f[1], f[2]);
            }
            default -> throw new SsmiParseException("unknown command id " + id + " from the client", line);
        };
    }

    /** Parses a line travelling in {@code direction}. */
    public static SsmiCommand parse(String line, SsmiDirection direction) {
        return direction == SsmiDirection.SERVER_TO_CLIENT ? parseFromServer(line) : parseFromClient(line);
    }

    /**
     * The line for {@code command}, without the CR terminator.
     *
     * @throws IllegalArgumentException if a field is null or contains a CR (which would end the line early), or a
     *                                  field other than the last contains a comma (which would shift the fields)
     */
    public static String format(SsmiCommand command) {
        Objects.requireNonNull(command, "command");
        // The USSD commands come first: they are nearly all the traffic.
        if (command instanceof SendUssd c) {
            return line(command, 110, c.msisdn(), code(c.type().code()), c.message());
        }
        if (command instanceof UssdMessage c) {
            return line(command, 110, c.msisdn(), code(c.type().code()), c.phase(), c.message());
        }
        if (command instanceof ExtendedUssdMessage c) {
            return line(command, 111, c.msisdn(), code(c.type().code()), c.phase(), c.genfields().format(),
                    c.message());
        }
        if (command instanceof SendExtendedUssd c) {
            return line(command, 120, c.msisdn(), code(c.type().code()), c.genfields().format(), c.message());
        }
        if (command instanceof LinkCheck) {
            return line(command, 3);
        }
        if (command instanceof Ack c) {
            return line(command, 101, code(c.type().code()));
        }
        if (command instanceof Nack c) {
            return line(command, 102, code(c.type().code()));
        }
        if (command instanceof Login c) {
            return line(command, 1, c.username(), c.password());
        }
        if (command instanceof Logout) {
            return line(command, 99);
        }
        if (command instanceof RemoteLogout c) {
            return line(command, 199, c.ip());
        }
        if (command instanceof SendSms c) {
            return line(command, 2, code(c.validityMinutes()), c.msisdn(), c.message());
        }
        if (command instanceof SendBinarySms c) {
            return line(command, 4, code(c.validityMinutes()), c.msisdn(), code(c.pid()), code(c.coding()),
                    c.hexMessage());
        }
        if (command instanceof SendMms c) {
            return line(command, 111, c.msisdn(), c.subject(), c.name(), c.hexContent());
        }
        if (command instanceof SendWapPush c) {
            return line(command, 112, c.msisdn(), c.subject(), c.url());
        }
        if (command instanceof ImsiLookup c) {
            return line(command, 600, c.sequence(), c.msisdn(), c.imsi());
        }
        if (command instanceof Seq c) {
            return line(command, 100, c.msisdn(), c.sequence());
        }
        if (command instanceof MoSms c) {
            return line(command, 103, c.msisdn(), c.sequence(), c.message());
        }
        if (command instanceof DeliveryReport c) {
            return line(command, 104, c.msisdn(), c.sequence(), code(c.returnCode()));
        }
        if (command instanceof FreeForm c) {
            return line(command, 105, c.text());
        }
        if (command instanceof BinaryMoSms c) {
            return line(command, 106, c.msisdn(), c.sequence(), code(c.pid()), code(c.coding()), c.hexMessage());
        }
        if (command instanceof PremiumMoSms c) {
            return line(command, 107, c.msisdn(), c.sequence(), c.destination(), c.message());
        }
        if (command instanceof PremiumBinaryMoSms c) {
            return line(command, 108, c.msisdn(), c.sequence(), code(c.pid()), code(c.coding()), c.destination(),
                    c.hexMessage());
        }
        if (command instanceof ImsiLookupReply c) {
            return line(command, 600, c.sequence(), c.msisdn(), c.imsi(), c.spid());
        }
        // Java 17 has no exhaustive switch over sealed types; a new record without a branch above lands here.
        throw new IllegalArgumentException("no wire form for " + command.getClass().getName());
    }

    private static int commandId(String line) {
        if (line.isEmpty()) {
            throw new SsmiParseException("empty line", line);
        }
        if (!line.startsWith(PREFIX)) {
            throw new SsmiParseException(line.equals(HEADER) ? "no command id" : "no SSMI header", line);
        }
        int end = line.indexOf(',', PREFIX.length());
        return number(line.substring(PREFIX.length(), end < 0 ? line.length() : end), "command id", line);
    }

    /** The {@code count} fields after the command id, the last one taking the rest of the line. */
    private static String[] fields(String line, int id, int count) {
        int comma = line.indexOf(',', PREFIX.length());
        if (count == 0) {
            if (comma >= 0) {
                throw new SsmiParseException("command " + id + " takes no fields after the id", line);
            }
            return NO_FIELDS;
        }
        if (comma < 0) {
            throw missingFields(line, id, count, 0);
        }
        String[] fields = new String[count];
        for (int i = 0; i < count - 1; i++) {
            int next = line.indexOf(',', comma + 1);
            if (next < 0) {
                throw missingFields(line, id, count, i + 1);
            }
            fields[i] = line.substring(comma + 1, next);
            comma = next;
        }
        fields[count - 1] = line.substring(comma + 1);
        return fields;
    }

    private static SsmiParseException missingFields(String line, int id, int needed, int got) {
        return new SsmiParseException(
                "command " + id + " needs " + needed + (needed == 1 ? " field" : " fields") + " after the id, got " + got,
                line);
    }

    private static int number(String field, String name, String line) {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            // The field may be most of a hostile line: quoted like the line, so that it is cut short and escaped.
            throw new SsmiParseException(name + " " + SsmiParseException.quote(field) + " is not a number", line);
        }
    }

    private static UssdType ussdType(String field, String line) {
        return code(field, "USSD type", UssdType::ofCode, line);
    }

    private static <T> T code(String field, String name, IntFunction<T> ofCode, String line) {
        int code = number(field, name, line);
        try {
            return ofCode.apply(code);
        } catch (IllegalArgumentException e) {
            throw new SsmiParseException(e.getMessage(), line);
        }
    }

    private static String code(int code) {
        return Integer.toString(code);
    }

    private static String line(SsmiCommand command, int id, String... fields) {
        StringBuilder line = new StringBuilder(64).append(PREFIX).append(id);
        for (int i = 0; i < fields.length; i++) {
            String field = fields[i];
            if (field == null) {
                throw badField(command, i, "is null");
            }
            if (field.indexOf('\r') >= 0) {
                throw badField(command, i, "contains a CR, which would end the line");
            }
            if (i < fields.length - 1 && field.indexOf(',') >= 0) {
                throw badField(command, i, "contains a comma, which only the last field may");
            }
            line.append(',').append(field);
        }
        return line.toString();
    }

    private static IllegalArgumentException badField(SsmiCommand command, int index, String problem) {
        return new IllegalArgumentException(
                "cannot format " + command.getClass().getSimpleName() + ": field " + (index + 1) + " " + problem);
    }
}
