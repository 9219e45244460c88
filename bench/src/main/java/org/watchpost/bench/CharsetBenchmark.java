package org.watchpost.bench;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.watchpost.agent.testpages.InstitutionalPage;
import org.watchpost.agent.detect.Baseline;
import org.watchpost.agent.detect.Classification;
import org.watchpost.agent.detect.Detector;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.Expect;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.protocol.PhaseTimings;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.protocol.Verdict;

/**
 * What a page in another charset costs: {@link Detector#classify} of the healthy institutional page served as
 * UTF-8, as windows-1252 (declared in {@code Content-Type}; it is transcoded to UTF-8 once, because it has bytes
 * above 0x7F) and as UTF-16 with a byte order mark. Characters windows-1252 lacks (the Arabic, Russian and Chinese
 * paragraphs) become '?', as they would on such a site. Results as in {@link ScanBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class CharsetBenchmark {
    @Param({"20KB", "200KB"})
    public String pageSize;

    @Param({"UTF-8", "windows-1252", "UTF-16"})
    public String charset;

    private byte[] page;
    private ProbeResult probe;
    private Detector detector;

    @Setup(Level.Trial)
    public void setUp() {
        String text = new String(InstitutionalPage.generate(InstitutionalPage.parseSize(pageSize),
                InstitutionalPage.SEED), StandardCharsets.UTF_8);
        Charset cs = Charset.forName(charset);
        page = text.replace("charset=\"utf-8\"", "charset=\"" + charset + "\"").getBytes(cs);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("text/html; charset=" + charset));
        probe = new ProbeResult(Probes.NOW, Probes.URL, Probes.URL, 0, null, 200, headers, page, false, null,
                page.length, PhaseTimings.NONE, 150_000_000L, null, null);
        detector = new Detector(SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS);
        Classification c = classify();
        if (c.result().verdict() != Verdict.UP || !c.considered().isEmpty()) {
            throw new IllegalStateException("the " + charset + " page is not healthy: " + c.result().findings());
        }
        System.out.printf("%n[page] %s in %s: %d bytes%n", pageSize, charset, page.length);
    }

    private Classification classify() {
        return detector.classify("bench", probe, Expect.DEFAULT, Baseline.NONE, Probes.NOW);
    }

    @Benchmark
    public Classification detector(PageBytes bytes) {
        Classification c = classify();
        bytes.add(page.length);
        return c;
    }
}
