package dev.skein.graph;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits, on a task's virtual thread, for an asynchronous result; an interrupt cancels what it waits for. */
final class Await {

    private Await() {
    }

    static <T> T uni(Uni<? extends T> uni) throws Exception {
        if (uni == null) {
            throw new NullPointerException("the task's function returned a null Uni");
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        Cancellable subscription = uni.subscribe().with(done::complete, done::completeExceptionally);
        try {
            return done.get();
        } catch (InterruptedException e) {
            subscription.cancel();
            throw e;
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    static <T> T stage(CompletionStage<? extends T> stage) throws Exception {
        if (stage == null) {
            throw new NullPointerException("the task's function returned a null CompletionStage");
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(value);
            }
        });
        try {
            return done.get();
        } catch (InterruptedException e) {
            if (stage instanceof Future<?> future) {
                try {
                    future.cancel(true);
                } catch (UnsupportedOperationException notCancellable) { // a minimal stage: nothing to cancel
                    e.addSuppressed(notCancellable);
                }
            }
            throw e;
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    private static Exception unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof Exception e ? e : new ExecutionException(t);
    }
}
