package org.watchpost.agent.probe;

import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Dns;

/**
 * Name lookups with a deadline. The JDK's resolver cannot be interrupted, and OkHttp's call timeout does not reach
 * it: a DNS server that never answers would hold a probe (and its worker) for as long as the system resolver
 * retries, well past the probe's timeout. Here each lookup runs on a small pool of resolver threads while the
 * probe waits at most until its deadline; a lookup that outlives it keeps its resolver thread, not the probe.
 *
 * <p>Bounded: {@value #THREADS} resolver threads and {@value #QUEUE} waiting lookups. When every thread is stuck on a
 * dead resolver and the queue is full, a lookup fails at once ("the agent's DNS lookups are all stuck") instead of
 * piling up; each such refusal is counted ({@link #refused()}).
 */
final class BoundedDns {
    static final int THREADS = 8;
    static final int QUEUE = 256;

    private final Dns delegate;
    private final ThreadPoolExecutor pool;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong late = new AtomicLong();

    BoundedDns(Dns delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "watchpost-dns-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** A {@link Dns} for one probe: every lookup it makes ends by {@code deadlineNanos} on {@code clock}. */
    Dns until(long deadlineNanos, java.util.function.LongSupplier clock) {
        return hostname -> lookup(hostname, deadlineNanos - clock.getAsLong());
    }

    List<InetAddress> lookup(String hostname, long budgetNanos) throws UnknownHostException {
        if (budgetNanos <= 0) {
            throw timedOut(hostname);
        }
        Future<List<InetAddress>> answer;
        try {
            answer = pool.submit(() -> delegate.lookup(hostname));
        } catch (RejectedExecutionException e) {
            refused.incrementAndGet();
            throw new UnknownHostException("cannot look up " + hostname + ": the agent's DNS lookups are all stuck ("
                    + THREADS + " waiting on the resolver, " + QUEUE + " queued); is the DNS server answering?");
        }
        try {
            return answer.get(budgetNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            late.incrementAndGet();
            throw timedOut(hostname);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            UnknownHostException u = new UnknownHostException("lookup of " + hostname + " interrupted");
            u.initCause(e);
            throw u;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownHostException u) {
                throw u;
            }
            if (cause instanceof RuntimeException r) {
                throw r; // a bug in a resolver plug-in: reported by the prober as an internal error
            }
            if (cause instanceof Error err) {
                throw err;
            }
            UnknownHostException u = new UnknownHostException(hostname + ": " + cause);
            u.initCause(cause);
            throw u;
        }
    }

    /** Classified as a timeout in the resolve phase ("no DNS answer within …"): the cause is a socket timeout. */
    private static UnknownHostException timedOut(String hostname) {
        UnknownHostException u = new UnknownHostException("no DNS answer for " + hostname);
        u.initCause(new SocketTimeoutException("timeout"));
        return u;
    }

    /** Lookups refused because every resolver thread was busy and the queue full. */
    long refused() {
        return refused.get();
    }

    /** Lookups that had not answered by their probe's deadline. */
    long late() {
        return late.get();
    }
}
