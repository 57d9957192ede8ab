package dev.skein;

import java.io.Serial;

/**
 * The root of every exception Skein throws for work that did not end well. Unchecked, so a scope's
 * outcome can cross lambdas; misuse (a closed scope, the wrong thread) is reported with the JDK's own
 * {@link IllegalStateException} and {@link WrongThreadException} instead.
 */
public abstract class SkeinException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    protected SkeinException(String message, Throwable cause) {
        super(message, cause);
    }
}
