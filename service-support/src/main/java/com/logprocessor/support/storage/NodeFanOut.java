package com.logprocessor.support.storage;

import com.logprocessor.core.membership.MembershipSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * Asks several storage nodes at once and collects, per node, its answer or why there is none:
 * the one way a service calls "every replica" or "every node" (writes, queries, counts, hint
 * replay, repair). A node without a known URL, or that does not answer within the deadline,
 * fails on its own; the others are unaffected.
 */
public final class NodeFanOut {

    private NodeFanOut() {
    }

    /** One node's answer: a value, or the failure; {@code answeredAtMillis} is when it came (clock time). */
    public record Answer<T>(String node, T value, Throwable failure, long answeredAtMillis) {

        public boolean ok() {
            return failure == null;
        }
    }

    /**
     * Calls {@code call(nodeId, url)} for every node (URLs from {@code snapshot}) and waits for all
     * of them, each bounded by the call's own timeouts.
     */
    public static <T> Map<String, Answer<T>> call(MembershipSnapshot snapshot, Collection<String> nodes,
                                                  BiFunction<String, String, CompletableFuture<T>> call, Clock clock) {
        return call(snapshot, nodes, call, clock, null);
    }

    /**
     * As {@link #call(MembershipSnapshot, Collection, BiFunction, Clock)} when every node must
     * answer (a repair step): each node's value, or an {@link IllegalStateException} naming
     * {@code what} and the first node that failed.
     */
    public static <T> Map<String, T> callAll(MembershipSnapshot snapshot, Collection<String> nodes,
                                             BiFunction<String, String, CompletableFuture<T>> call, Clock clock,
                                             String what) {
        Map<String, T> out = new LinkedHashMap<>();
        call(snapshot, nodes, call, clock).forEach((node, answer) -> {
            if (!answer.ok()) {
                throw new IllegalStateException(what + " from " + node + " failed: " + answer.failure().getMessage(),
                        answer.failure());
            }
            out.put(node, answer.value());
        });
        return out;
    }

    /**
     * As {@link #call(MembershipSnapshot, Collection, BiFunction, Clock)}, but a node that has not
     * answered {@code deadline} after the calls started fails with a {@link TimeoutException}.
     */
    public static <T> Map<String, Answer<T>> call(MembershipSnapshot snapshot, Collection<String> nodes,
                                                  BiFunction<String, String, CompletableFuture<T>> call, Clock clock,
                                                  Duration deadline) {
        Map<String, CompletableFuture<Answer<T>>> calls = new LinkedHashMap<>();
        for (String node : nodes) {
            String url = snapshot.urlOf(node).orElse(null);
            CompletableFuture<T> future;
            if (url == null) {
                future = CompletableFuture.failedFuture(new IllegalStateException(node + " has no known URL"));
            } else {
                try {
                    future = call.apply(node, url);
                } catch (RuntimeException e) {
                    future = CompletableFuture.failedFuture(e);
                }
            }
            // Stamp the answer time as it arrives, not when this thread gets to it.
            calls.put(node, future.handle((value, error) -> new Answer<>(node, error == null ? value : null,
                    error == null ? null : unwrap(error), clock.millis())));
        }
        long deadlineNanos = deadline == null ? 0 : System.nanoTime() + deadline.toNanos();
        Map<String, Answer<T>> answers = new LinkedHashMap<>();
        calls.forEach((node, answer) -> answers.put(node, await(node, answer, deadline, deadlineNanos, clock)));
        return answers;
    }

    private static <T> Answer<T> await(String node, CompletableFuture<Answer<T>> answer, Duration deadline,
                                       long deadlineNanos, Clock clock) {
        try {
            return deadline == null ? answer.join()
                    : answer.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new Answer<>(node, null, new TimeoutException(node + " did not answer within " + deadline),
                    clock.millis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer<>(node, null, e, clock.millis());
        } catch (ExecutionException | CompletionException e) {
            return new Answer<>(node, null, unwrap(e), clock.millis()); // not reached: handle() never fails
        }
    }

    private static Throwable unwrap(Throwable t) {
        return (t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
                ? t.getCause() : t;
    }
}
