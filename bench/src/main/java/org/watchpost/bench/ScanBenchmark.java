package org.watchpost.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.watchpost.agent.detect.Expect;
import org.watchpost.agent.detect.AnchorAutomaton;
import org.watchpost.agent.detect.Baseline;
import org.watchpost.agent.detect.BenchAccess;
import org.watchpost.agent.detect.Classification;
import org.watchpost.agent.detect.Detector;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.Scope;
import org.watchpost.agent.detect.Signature;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.agent.testpages.InstitutionalPage;
import org.watchpost.protocol.Verdict;

/**
 * The cost of looking at a healthy page, which is what the agent does on almost every probe.
 *
 * <ul>
 *   <li>{@code automaton}: the built-in library's body automaton over the page's bytes, nothing else;</li>
 *   <li>{@code detector}: {@link Detector#classify} on the page as a probe result: the whole per-probe cost;</li>
 *   <li>{@code naiveRegex}: the baseline the automaton replaces: per signature one case-insensitive regex of its
 *       quoted anchors, alternated, {@code find()} on the page decoded to a String.</li>
 * </ul>
 * Primary result: pages per second ({@code ops/s}); {@code :megabytes}: MB/s of page bytes; {@code :cpuMegabytes}:
 * MB per CPU-second (see {@link PageBytes}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class ScanBenchmark {
    @Param({"20KB", "200KB", "2MB"})
    public String pageSize;

    private byte[] page;
    private ProbeResult probe;
    private AnchorAutomaton automaton;
    private Detector detector;
    private List<Pattern> naive;

    @Setup(Level.Trial)
    public void setUp() {
        page = InstitutionalPage.generate(InstitutionalPage.parseSize(pageSize), InstitutionalPage.SEED);
        probe = Probes.page(200, page);
        SignatureLibrary library = SignatureLibrary.builtIn();
        automaton = BenchAccess.bodyAutomaton(library);
        detector = new Detector(library, DetectorSettings.DEFAULTS);
        naive = naivePatterns(library);
        // A benchmark of the healthy path must not be measuring hits by accident: a healthy page has no signature
        // hit at all (see docs/BENCHMARKS.md), so the detector's whole cost is the automaton pass.
        int hits = BenchAccess.signatureHits(library, page, 200);
        Classification c = classify();
        String text = new String(page, StandardCharsets.UTF_8);
        long naiveHits = naive.stream().filter(p -> p.matcher(text).find()).count();
        if (hits != 0 || !c.considered().isEmpty() || c.result().verdict() != Verdict.UP || naiveHits != 0) {
            throw new IllegalStateException("the generated " + pageSize + " page is not healthy: " + hits
                    + " automaton hits, verdict " + c.result().verdict() + ", " + naiveHits + " regex matches");
        }
        System.out.printf("%n[page] %s: %d bytes, %.0f%% markup and scripts, %d body patterns, %d states%n",
                pageSize, page.length, 100 * InstitutionalPage.markupShare(page), automaton.patternCount(),
                automaton.stateCount());
    }

    /** What naive detectors do: one regex per signature, its anchors quoted and alternated, case-insensitive. */
    static List<Pattern> naivePatterns(SignatureLibrary library) {
        List<Pattern> patterns = new ArrayList<>();
        for (Signature s : library.signatures()) {
            if (s.appliesTo(200) && (s.scopes().contains(Scope.TEXT) || s.scopes().contains(Scope.TITLE)
                    || s.scopes().contains(Scope.HTML))) {
                patterns.add(Pattern.compile(s.anchors().stream().map(Pattern::quote).collect(Collectors.joining("|")),
                        Pattern.CASE_INSENSITIVE));
            }
        }
        return patterns;
    }

    private Classification classify() {
        return detector.classify("bench", probe, Expect.DEFAULT, Baseline.NONE, Probes.NOW);
    }

    @Benchmark
    public int automaton(PageBytes bytes) {
        HitCount hits = new HitCount();
        automaton.scan(page, 0, page.length, hits);
        bytes.add(page.length);
        return hits.hits;
    }

    @Benchmark
    public Classification detector(PageBytes bytes) {
        Classification c = classify();
        bytes.add(page.length);
        return c;
    }

    @Benchmark
    public int naiveRegex(PageBytes bytes) {
        String text = new String(page, StandardCharsets.UTF_8);
        int found = 0;
        for (Pattern p : naive) {
            if (p.matcher(text).find()) {
                found++;
            }
        }
        bytes.add(page.length);
        return found;
    }
}
