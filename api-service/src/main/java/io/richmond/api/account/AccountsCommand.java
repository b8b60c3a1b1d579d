package io.richmond.api.account;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.springframework.amqp.AmqpException;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.richmond.api.keyword.KeywordQueues;
import io.richmond.api.keyword.Keywords;
import io.richmond.api.web.ApiException;

/**
 * {@code java -jar api-service.jar accounts ...}: manages accounts without SQL.
 *
 * <pre>
 * accounts create NAME [PASSWORD]        a new account; without PASSWORD one is generated and printed
 * accounts password NAME [PASSWORD]      a new password, likewise
 * accounts rate-limit NAME REQUESTS|default   the account's requests per window
 * accounts route MSISDN NAME             SMS received on MSISDN belong to NAME
 * accounts keyword NAME NUMBER KEYWORD   SMS to NUMBER starting with KEYWORD belong to NAME, routed or not
 * </pre>
 */
@Component
@Profile(AccountsCommand.PROFILE)
public class AccountsCommand {

    public static final String NAME = "accounts";
    public static final String PROFILE = "accounts-command";

    private static final String USAGE = """
            usage: java -jar api-service.jar accounts create NAME [PASSWORD]
                   java -jar api-service.jar accounts password NAME [PASSWORD]
                   java -jar api-service.jar accounts rate-limit NAME REQUESTS|default
                   java -jar api-service.jar accounts route MSISDN NAME
                   java -jar api-service.jar accounts keyword NAME NUMBER KEYWORD""";

    private final AccountService accounts;
    private final Keywords keywords;
    private final KeywordQueues keywordQueues;

    public AccountsCommand(AccountService accounts, Keywords keywords, KeywordQueues keywordQueues) {
        this.accounts = accounts;
        this.keywords = keywords;
        this.keywordQueues = keywordQueues;
    }

    /** Runs the command line (its first word is {@value #NAME}); the exit status. */
    public int run(String[] args) {
        return run(Arrays.asList(args).subList(1, args.length), System.out, System.err);
    }

    public int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            if (args.size() == 4 && args.get(0).equals("keyword")) {
                registerKeyword(args.get(1), args.get(2), args.get(3), out, err);
                return 0;
            }
            if (args.size() == 2 || args.size() == 3) {
                String name = args.get(1);
                String given = args.size() == 3 ? args.get(2) : null;
                switch (args.get(0)) {
                    case "create" -> {
                        String password = given == null ? AccountService.generatePassword() : given;
                        long id = accounts.create(name, password, null).getId();
                        out.println("created account " + name + " (id " + id + ")"
                                + (given == null ? " with password " + password : ""));
                        return 0;
                    }
                    case "password" -> {
                        String password = given == null ? AccountService.generatePassword() : given;
                        accounts.changePassword(name, password);
                        out.println("changed the password of " + name + (given == null ? " to " + password : ""));
                        return 0;
                    }
                    case "rate-limit" -> {
                        if (given != null) {
                            accounts.changeRateLimit(name, given.equals("default") ? null : Integer.valueOf(given));
                            out.println("rate limit of " + name + " is now " + given);
                            return 0;
                        }
                    }
                    case "route" -> {
                        if (given != null) {
                            accounts.route(name, given);
                            out.println("SMS received on " + name + " now belong to " + given);
                            return 0;
                        }
                    }
                    default -> {
                        // Falls through to the usage below.
                    }
                }
            }
            err.println(USAGE);
            return 2;
        } catch (IllegalArgumentException | ApiException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private void registerKeyword(String name, String number, String keyword, PrintStream out, PrintStream err) {
        String registered = keywords.registerAsOperator(accounts.idOf(name), number, keyword).getKeyword();
        out.println("SMS to " + number + " starting with '" + registered + "' now belong to " + name);
        try {
            out.println("its workers consume " + keywordQueues.declare(registered));
        } catch (AmqpException e) {
            err.println("the queue of '" + registered + "' could not be declared now (" + e.getMessage()
                    + "); the first SMS for it declares it");
        }
    }
}
