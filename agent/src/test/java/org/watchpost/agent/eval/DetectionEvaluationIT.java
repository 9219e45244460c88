package org.watchpost.agent.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.e2e.PageServer;

/**
 * Issue 9's evaluation of the detector on material its rules were not written against (see docs/DETECTION.md):
 * real stacks broken for real, the distribution's default and diagnostics pages, the manuals Debian ships, every
 * failure inside pages of real sizes, other encodings and languages, and the blind set. Every page goes through the
 * agent's HTTP prober and detector on loopback. The table goes to {@code agent/target/detection-report.md} and to
 * the console; the tests then check the goal, each on its own so that a run names every goal it misses.
 *
 * <pre>./mvnw -B verify -Pe2e -pl agent -am -Dit.test=DetectionEvaluationIT</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetectionEvaluationIT {
    static final Path REPORT = Path.of("target", "detection-report.md");
    /** Issue 9's goal for every page size and position; not reached yet (docs/DETECTION.md has the numbers). */
    private static final double MIN_RECALL = 0.98;
    /**
     * What the merged detector reached when this evaluation first ran on it (59% at the worst position, the top of a
     * long page): a ratchet, so that a change that loses recall fails. Raise it with the detector, up to the goal.
     */
    private static final double RECALL_FLOOR = 0.58;
    /** The live failures the merged detector still gets wrong (the goal is none); see the test that uses them. */
    private static final List<String> KNOWN_LIVE_GAPS = List.of(
            "lighttpd: upstream refuses connections (503)",
            "lighttpd: upstream hangs",
            "Tomcat 10: JDBC connection refused (root cause)",
            "PHP: white screen: blank 200 where the baseline had the front page");
    /** Two workers: the CI machine has two cores, and the pages are classified in this JVM. */
    private static final int WORKERS = 2;
    /** Documentation, sized and encoded pages, blind files: more than all of them together. */
    private static final int PAGE_CAPACITY = 50_000;

    private final List<Sample.Judged> judged = new ArrayList<>();
    private String blindProblem;
    private DetectionReport report;

    @BeforeAll
    void evaluate(@TempDir Path work) throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<String> notes = new ArrayList<>();
        DetectorUnderTest agent = new DetectorUnderTest();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try (PageServer pages = PageServer.start(PAGE_CAPACITY)) {
            LiveStacks live = new LiveStacks(agent, pages, work);
            live.runAll();
            judged.addAll(live.judged());
            notes.addAll(live.notes());
            List<SizedPages.Snippet> snippets = SizedPages.snippets(judged);
            List<Sample.Judged> localized = judged.stream()
                    .filter(j -> j.sample().set() == MaterialSet.ENCODINGS).toList();
            judged.addAll(DocumentationPages.judge(agent, pages, pool));
            judged.addAll(SizedPages.judge(agent, pages, pool, snippets));
            judged.addAll(EncodedPages.judge(agent, pages, pool, snippets, localized));
            try {
                judged.addAll(BlindSet.judge(agent, pages, pool));
            } catch (IllegalStateException e) {
                blindProblem = e.getMessage();
                notes.add("The blind set did not run: " + blindProblem);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        report = new DetectionReport(judged, notes);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report.render(took, true), StandardCharsets.UTF_8);
        System.out.println(report.render(took, false));
        System.out.println("The full report: " + REPORT.toAbsolutePath());
    }

    private List<Sample.Judged> of(MaterialSet set) {
        return judged.stream().filter(j -> j.sample().set() == set).toList();
    }

    /** One line per page: which, what it should be called, what the agent called it. */
    private static List<String> names(List<Sample.Judged> js) {
        return js.stream().map(j -> j.sample().group() + ": " + j.sample().name() + " — expected "
                + j.sample().expected() + ", got " + j.outcome().summary()).toList();
    }

    @Test
    void everyLiveFailureIsCaughtWithItsPrimaryClassButTheKnownGaps() {
        List<Sample.Judged> failures = of(MaterialSet.LIVE).stream().filter(Sample.Judged::failure).toList();
        assertThat(failures).as("live failure modes").hasSizeGreaterThanOrEqualTo(25);
        assertThat(failures.stream().map(j -> j.sample().group()).distinct().count()).as("live stacks")
                .isGreaterThanOrEqualTo(10);
        List<String> wrong = names(failures.stream().filter(j -> !j.rightClass()).toList());
        // The goal (issue 9) is none. These four are the gaps measured when the evaluation first ran on the merged
        // detector; any other miss fails, and a fixed one drops out of the report (then take it off this list).
        List<String> unknown = wrong.stream().filter(w -> KNOWN_LIVE_GAPS.stream().noneMatch(w::startsWith)).toList();
        assertThat(unknown).as("live failures missed or given another primary class (of %d), beyond the known gaps %s",
                failures.size(), KNOWN_LIVE_GAPS).isEmpty();
    }

    @Test
    void noFalseAlarmOnTheHealthyStackPages() {
        List<Sample.Judged> healthy = of(MaterialSet.LIVE).stream().filter(j -> !j.failure()).toList();
        assertThat(healthy).as("healthy live pages").isNotEmpty();
        List<Sample.Judged> alarms = healthy.stream().filter(Sample.Judged::falseAlarm).toList();
        assertThat(names(alarms)).as("false alarms on healthy stack pages (of %d)", healthy.size()).isEmpty();
    }

    @Test
    void noFalseAlarmOnTheDocumentation() {
        List<Sample.Judged> docs = of(MaterialSet.DOCUMENTATION);
        assertThat(docs).as("documentation pages").hasSizeGreaterThanOrEqualTo(DocumentationPages.MINIMUM_PAGES);
        List<Sample.Judged> alarms = docs.stream().filter(Sample.Judged::falseAlarm).toList();
        assertThat(names(alarms)).as("false alarms on %d documentation pages (each with its evidence in %s)",
                docs.size(), REPORT).isEmpty();
    }

    @Test
    void recallAtEveryPageSizeAndPositionHoldsItsFloor() {
        List<Sample.Judged> sized = of(MaterialSet.SIZES).stream().filter(Sample.Judged::failure).toList();
        assertThat(sized).as("failure pages of the size set").isNotEmpty();
        List<DetectionReport.Row> low = DetectionReport.rows(sized,
                j -> j.sample().band() + ", " + j.sample().position()).stream()
                .filter(r -> r.recall() < RECALL_FLOOR).toList();
        assertThat(low.stream().map(r -> String.format(Locale.ROOT, "%s: %d of %d caught", r.name(), r.caught(),
                r.failures())).toList()).as("page size and position with a recall under %.0f%% (the goal is %.0f%%)",
                100 * RECALL_FLOOR, 100 * MIN_RECALL).isEmpty();
    }

    @Test
    void theBlindSetRan() {
        assertThat(blindProblem).as("the blind set").isNull();
        assertThat(of(MaterialSet.BLIND)).as("blind pages classified").isNotEmpty();
    }
}
