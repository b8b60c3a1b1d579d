package io.richmond.api;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.richmond.api.account.AccountsCommand;

/**
 * The REST API. {@code java -jar api-service.jar} serves it; {@code java -jar api-service.jar accounts ...} manages
 * accounts against the same database and exits (see {@link AccountsCommand}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiServiceApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(AccountsCommand.NAME)) {
            // The command needs the database only: no web server, no consumers, no sweepers.
            var context = new SpringApplicationBuilder(ApiServiceApplication.class)
                    .web(WebApplicationType.NONE)
                    .profiles(AccountsCommand.PROFILE)
                    .logStartupInfo(false)
                    .run(args);
            int status = context.getBean(AccountsCommand.class).run(args);
            context.close();
            System.exit(status);
        }
        new SpringApplicationBuilder(ApiServiceApplication.class).run(args);
    }
}
