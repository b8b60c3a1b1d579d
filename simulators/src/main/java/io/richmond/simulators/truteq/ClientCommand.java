package io.richmond.simulators.truteq;

/**
 * A command a gateway sends TruTeq (protocols.md §1.2), as far as the fake TruTeq acts on it. A line is
 * {@code SSMI,<id>,field,...}, split into exactly the command's number of fields, the last one taking the rest of the
 * line, commas included.
 */
sealed interface ClientCommand {

    /** 1 LOGIN. */
    record Login(String username, String password) implements ClientCommand {
        /** Keeps the password off the terminal. */
        @Override
        public String toString() {
            return "Login[username=" + username + "]";
        }
    }

    /** 3 LINK_CHECK. */
    record LinkCheck() implements ClientCommand {
    }

    /** 99 LOGOUT. */
    record Logout() implements ClientCommand {
    }

    /** 110 SEND_USSD_MESSAGE, or 120 SEND_EXTENDED_USSD_MESSAGE without its genfields: what the phone shows. */
    record SendUssd(String msisdn, UssdType type, String text) implements ClientCommand {
    }

    /** 2 SEND_SMS. */
    record SendSms(String msisdn, String text) implements ClientCommand {
    }

    /** A valid command id the fake does nothing with (binary SMS, MMS, WAP push, IMSI lookup). */
    record Unsimulated(int id) implements ClientCommand {
    }

    static ClientCommand parse(String line) throws BadSsmiLine {
        String[] head = line.split(",", 3);
        if (!head[0].equals("SSMI")) {
            throw unparseable("no SSMI header");
        }
        if (head.length < 2) {
            throw unparseable("no command id");
        }
        int id;
        try {
            id = Integer.parseInt(head[1]);
        } catch (NumberFormatException e) {
            throw unparseable("command id '" + head[1] + "' is not a number");
        }
        String rest = head.length == 3 ? head[2] : null;
        return switch (id) {
            case 1 -> {
                String[] f = fields(id, rest, 2);
                yield new Login(f[0], f[1]);
            }
            case 2 -> {
                String[] f = fields(id, rest, 3);
                number(f[0], "validity");
                yield new SendSms(f[1], f[2]);
            }
            case 3 -> {
                fields(id, rest, 0);
                yield new LinkCheck();
            }
            case 99 -> {
                fields(id, rest, 0);
                yield new Logout();
            }
            case 110 -> {
                String[] f = fields(id, rest, 3);
                yield new SendUssd(f[0], ussdType(f[1]), f[2]);
            }
            case 120 -> {
                String[] f = fields(id, rest, 4);
                yield new SendUssd(f[0], ussdType(f[1]), f[3]);
            }
            case 4, 111, 112, 600 -> new Unsimulated(id);
            default -> throw new BadSsmiLine(Nack.UNKNOWN_MESSAGE_TYPE, "unknown command id " + id);
        };
    }

    private static String[] fields(int id, String rest, int count) throws BadSsmiLine {
        if (count == 0) {
            if (rest != null) {
                throw unparseable("command " + id + " takes no fields");
            }
            return new String[0];
        }
        String[] fields = rest == null ? new String[0] : rest.split(",", count);
        if (fields.length < count) {
            throw unparseable("command " + id + " takes " + count + " fields, got " + fields.length);
        }
        return fields;
    }

    private static UssdType ussdType(String field) throws BadSsmiLine {
        try {
            return UssdType.of(number(field, "USSD type"));
        } catch (IllegalArgumentException e) {
            throw unparseable(e.getMessage());
        }
    }

    private static int number(String field, String name) throws BadSsmiLine {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw unparseable(name + " '" + field + "' is not a number");
        }
    }

    private static BadSsmiLine unparseable(String reason) {
        return new BadSsmiLine(Nack.UNPARSEABLE_MESSAGE, reason);
    }
}
