package org.watchpost.agent.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Classifies many static pages on a small pool; the results keep the samples' order. */
final class Parallel {
    private Parallel() {
    }

    static List<Sample.Judged> judge(ExecutorService pool, List<Sample> samples, List<Supplier<Outcome>> checks) {
        if (samples.size() != checks.size()) {
            throw new IllegalArgumentException(samples.size() + " samples but " + checks.size() + " checks");
        }
        List<Future<Outcome>> futures = new ArrayList<>(checks.size());
        for (Supplier<Outcome> c : checks) {
            futures.add(pool.submit(c::get));
        }
        List<Sample.Judged> out = new ArrayList<>(samples.size());
        try {
            for (int i = 0; i < samples.size(); i++) {
                out.add(new Sample.Judged(samples.get(i), futures.get(i).get()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while classifying pages", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("classifying " + samples.get(out.size()).name() + " failed: "
                    + e.getCause(), e.getCause());
        }
        return out;
    }
}
