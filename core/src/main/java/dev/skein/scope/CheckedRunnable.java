package dev.skein.scope;

/**
 * The body of a branch that returns nothing and may throw, such as
 * {@code scope.fork("notify", () -> mailer.send(mail))} or a body that sleeps or waits.
 */
@FunctionalInterface
public interface CheckedRunnable {

    /** Does the branch's work. */
    void run() throws Exception;
}
