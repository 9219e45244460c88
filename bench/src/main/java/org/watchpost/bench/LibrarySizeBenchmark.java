package org.watchpost.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.watchpost.agent.detect.AnchorAutomaton;
import org.watchpost.agent.detect.BenchAccess;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.testpages.InstitutionalPage;

/**
 * Whether the scan stays flat as the library grows: the body automaton of the built-in library ×1, ×10, ×100 and
 * ×1000 ({@link SyntheticLibrary}) over the same healthy page. The automaton's size is printed at set-up
 * ({@code [library]} lines) and by {@link LibraryStats}.
 *
 * <p>Primary result: pages per second ({@code ops/s}); {@code :megabytes}: MB/s of page bytes; {@code :cpuMegabytes}:
 * MB per CPU-second (see {@link PageBytes}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class LibrarySizeBenchmark {
    /** Signatures in the library: the built-in library alone, then synthetic ones added up to the number. */
    @Param({"builtin", "600", "2800", "6000"})
    public String signatures;

    @Param({"200KB"})
    public String pageSize;

    private byte[] page;
    private AnchorAutomaton automaton;

    @Setup(Level.Trial)
    public void setUp() {
        page = InstitutionalPage.generate(InstitutionalPage.parseSize(pageSize), InstitutionalPage.SEED);
        long start = System.nanoTime();
        SignatureLibrary library = SyntheticLibrary.ofSize(signatures.equals("builtin") ? 0
                : Integer.parseInt(signatures), InstitutionalPage.SEED);
        long compiled = System.nanoTime() - start;
        automaton = BenchAccess.bodyAutomaton(library);
        int hits = BenchAccess.signatureHits(library, page, 200);
        if (hits != 0) {
            throw new IllegalStateException("the " + signatures + "-signature library has " + hits
                    + " hits on the healthy " + pageSize + " page: the benchmark would measure hits, not the scan");
        }
        System.out.printf("%n[library] %s: %s; load and compile %d ms; no hit on the %s page%n", signatures,
                LibraryStats.describe(library, automaton), compiled / 1_000_000, pageSize);
    }

    @Benchmark
    public int automaton(PageBytes bytes) {
        HitCount hits = new HitCount();
        automaton.scan(page, 0, page.length, hits);
        bytes.add(page.length);
        return hits.hits;
    }
}
