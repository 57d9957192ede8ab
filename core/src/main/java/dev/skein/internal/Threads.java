package dev.skein.internal;

/** Small thread utilities shared by the packages of {@code skein-core}. */
public final class Threads {

    private Threads() {
    }

    /**
     * Waits for {@code thread} to end, whatever interrupts arrive meanwhile; an interrupt is kept, set
     * again on the caller's thread when the wait is over. For sections that must not be cut short.
     */
    public static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
