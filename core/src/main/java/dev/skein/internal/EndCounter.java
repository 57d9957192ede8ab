package dev.skein.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * How many branches of a scope have ended, on a cache line of its own: branches ending on the carrier
 * threads would otherwise keep stealing the line that the owner needs for every fork (measured: twice
 * the cost per branch at 10,000 branches). Superclass fields are laid out first, so the padding sits on
 * both sides of the counter.
 */
final class EndCounter extends EndCounterPadAfter {

    private static final VarHandle ENDED;

    static {
        try {
            ENDED = MethodHandles.lookup().findVarHandle(EndCounterValue.class, "ended", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@return the count after adding one} */
    int increment() {
        return (int) ENDED.getAndAdd(this, 1) + 1;
    }

    int get() {
        return ended;
    }
}

@SuppressWarnings("unused")
abstract class EndCounterPadBefore {
    long p1, p2, p3, p4, p5, p6, p7, p8;
}

abstract class EndCounterValue extends EndCounterPadBefore {
    volatile int ended;
}

@SuppressWarnings("unused")
abstract class EndCounterPadAfter extends EndCounterValue {
    long q1, q2, q3, q4, q5, q6, q7, q8;
}
