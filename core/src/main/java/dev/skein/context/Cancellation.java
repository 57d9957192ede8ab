package dev.skein.context;

import dev.skein.internal.Text;
import java.util.Objects;

/**
 * Why a piece of work was cancelled: the {@linkplain CancellationReason reason}, the scope where the
 * cancellation started ({@code origin}), and, for {@link CancellationReason#SIBLING_FAILED}, the failure
 * that caused it.
 *
 * @param reason why
 * @param origin the name of the scope (or {@code scope/branch}) where the cancellation started
 * @param cause the failure behind it, or {@code null}
 */
public record Cancellation(CancellationReason reason, String origin, Throwable cause) {

    public Cancellation {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * {@return a description, e.g. {@code "DEADLINE_EXCEEDED in 'checkout'"}, bounded in size: the origin
     * and the cause's description are cut (see {@code docs/concepts.md}, "Bounds")}
     */
    public String describe() {
        String text = reason + " in '" + Text.name(origin) + "'";
        return cause == null ? text : text + ": " + Text.describe(cause);
    }
}
