package io.richmond.local.database;

import java.util.Map;

/** The PostgreSQL database api-service and callback-dispatcher share: started here, or one the user configured. */
public interface Database extends AutoCloseable {

    /** What the banner shows: the JDBC URL, without a password. */
    String displayUrl();

    /** One line for the start-up output: which database this is and how to choose another. */
    String description();

    /** The environment variables that point a service at this database. */
    Map<String, String> serviceEnvironment();

    /** Stops a database started here; leaves a configured one alone. */
    @Override
    void close();
}
