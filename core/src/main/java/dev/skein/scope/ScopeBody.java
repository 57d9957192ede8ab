package dev.skein.scope;

/**
 * The body of a scope given as a lambda: it forks branches into the scope it is handed and returns a
 * value. The scope joins every branch before the value is returned.
 *
 * @param <T> the type of the body's result
 */
@FunctionalInterface
public interface ScopeBody<T> {

    /** Forks branches into {@code scope} and returns the result of the whole scope. */
    T run(Scope scope) throws Exception;
}
