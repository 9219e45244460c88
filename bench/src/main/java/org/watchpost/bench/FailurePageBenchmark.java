package org.watchpost.bench;

import java.nio.charset.StandardCharsets;
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
import org.watchpost.agent.detect.Expect;
import org.watchpost.agent.detect.Baseline;
import org.watchpost.agent.detect.Classification;
import org.watchpost.agent.detect.Detector;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.agent.testpages.InstitutionalPage;
import org.watchpost.protocol.Verdict;

/**
 * The cost of a hit: {@link Detector#classify} on pages that do contain failure strings, each next to the same page
 * without them. A hit costs a pass of the HTML tokenizer over the whole page (where each hit stands) and the
 * decoding of a window of about 1 KB around it (confirming regex, evidence).
 *
 * <ul>
 *   <li>{@code seed}: the founding case, a 4 KB Drupal press page with the 1114 error after {@code </html>}
 *       (two signatures hit: mysql.table_full and drupal.unexpected_error); {@code seed_healthy}: the same page cut
 *       at {@code </html>};</li>
 *   <li>{@code quoting}: a blog post quoting the error in {@code <pre>}: a hit that is scored and does not count;</li>
 *   <li>{@code 20KB_error}, {@code 200KB_error}, {@code 2MB_error}: the typical page of {@link ScanBenchmark} with
 *       the seed's error appended after {@code </html>}; {@code 20KB}, {@code 200KB}, {@code 2MB}: without it.</li>
 * </ul>
 * Primary result: pages per second ({@code ops/s}); {@code :megabytes}: MB/s of page bytes; {@code :cpuMegabytes}:
 * MB per CPU-second (see {@link PageBytes}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class FailurePageBenchmark {
    @Param({"seed", "seed_healthy", "quoting", "20KB", "20KB_error", "200KB", "200KB_error", "2MB", "2MB_error"})
    public String page;

    private ProbeResult probe;
    private Detector detector;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] body = body(page);
        probe = Probes.page(200, body);
        detector = new Detector(SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS);
        Classification c = classify();
        boolean failing = page.equals("seed") || page.endsWith("_error");
        Verdict expected = failing ? Verdict.DOWN : Verdict.UP;
        if (c.result().verdict() != expected) {
            throw new IllegalStateException("page " + page + " should be " + expected + " but is "
                    + c.result().verdict() + ": " + c.result().findings());
        }
        System.out.printf("%n[page] %s: %d bytes, verdict %s, %d hits considered%n", page, body.length,
                c.result().verdict(), c.considered().size());
    }

    static byte[] body(String name) {
        switch (name) {
            case "seed":
                return Probes.seedPage();
            case "seed_healthy":
                return Probes.seedWithoutFailure();
            case "quoting":
                return Probes.resource("/pages/blog-quoting-drupal-error.html");
            default:
                boolean error = name.endsWith("_error");
                String size = error ? name.substring(0, name.length() - "_error".length()) : name;
                byte[] typical = InstitutionalPage.generate(InstitutionalPage.parseSize(size), InstitutionalPage.SEED);
                return error ? Probes.concat(typical, Probes.seedFailure().getBytes(StandardCharsets.UTF_8)) : typical;
        }
    }

    private Classification classify() {
        return detector.classify("bench", probe, Expect.DEFAULT, Baseline.NONE, Probes.NOW);
    }

    @Benchmark
    public Classification classify(PageBytes bytes) {
        Classification c = classify();
        bytes.add(probe.body().length);
        return c;
    }
}
