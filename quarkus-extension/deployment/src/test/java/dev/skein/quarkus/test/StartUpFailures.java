package dev.skein.quarkus.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.ConfigurationException;

/** For tests of an application that must not start: what its failed start says. */
public final class StartUpFailures {

    private StartUpFailures() {
    }

    /** {@return the message of the {@link ConfigurationException} among {@code failure} and its causes} Fails the test without one. */
    public static String configurationProblem(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof ConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a ConfigurationException in %s", failure).isNotNull();
        return cause.getMessage();
    }
}
