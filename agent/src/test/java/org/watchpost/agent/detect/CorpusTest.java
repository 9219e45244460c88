package org.watchpost.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.watchpost.protocol.PhaseTimings;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Verdict;

/**
 * Detection quality on a corpus of pages built from real stacks' markup: {@code pages/<expected>/<name>.<status>.html},
 * where {@code expected} is a failure class or {@code healthy}, with optional {@code <name>.<status>.headers}
 * ({@code Name: value} lines). Reports recall, false alarms and class accuracy per class, for the training part and
 * for the held-out part (the pages listed in {@code pages/HELD-OUT}, never used to fit {@link ScoringSettings}), and
 * fails on any missed failure, any false alarm, or below 95% right class.
 */
class CorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/pages");
    private static final Pattern FILE = Pattern.compile("(.+)\\.(\\d{3})\\.html");
    static final double MIN_RECALL = 1.0;
    static final double MIN_CLASS_ACCURACY = 0.95;
    static final int MIN_FAILURE_PAGES = 80;
    static final int MIN_LOOKALIKES = 30;

    record Page(Path file, String expected, int status, Map<String, String> headers, boolean heldOut) {
    }

    record Outcome(Page page, CheckResult result) {
        boolean failing() {
            return result.verdict() != Verdict.UP;
        }

        boolean rightClass() {
            return result.primaryClass() != null && result.primaryClass().id().equals(page.expected());
        }
    }

    static List<Page> pages() throws IOException {
        List<Page> pages = new ArrayList<>();
        java.util.Set<String> heldOut = new java.util.HashSet<>();
        for (String line : Files.readAllLines(CORPUS.resolve("HELD-OUT"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertThat(CORPUS.resolve(line.strip())).as("HELD-OUT names a page that exists").exists();
                heldOut.add(line.strip());
            }
        }
        try (Stream<Path> files = Files.walk(CORPUS)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".html")).sorted()
                    .toList()) {
                Matcher m = FILE.matcher(f.getFileName().toString());
                assertThat(m.matches()).as("corpus file %s must be named NAME.STATUS.html", f).isTrue();
                String expected = f.getParent().getFileName().toString();
                if (!expected.equals("healthy")) {
                    FailureClass.fromId(expected); // the directory must name a class
                }
                Map<String, String> headers = new LinkedHashMap<>();
                Path h = f.resolveSibling(m.group(1) + "." + m.group(2) + ".headers");
                if (Files.exists(h)) {
                    for (String line : Files.readAllLines(h)) {
                        int colon = line.indexOf(':');
                        if (colon > 0) {
                            headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                        }
                    }
                }
                pages.add(new Page(f, expected, Integer.parseInt(m.group(2)), headers,
                        heldOut.contains(CORPUS.relativize(f).toString().replace('\\', '/'))));
            }
        }
        return pages;
    }

    static Outcome classify(Detector detector, Page p) throws IOException {
        byte[] body = Files.readAllBytes(p.file());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        p.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.of(v)));
        ProbeResult r = new ProbeResult(Pages.NOW, Pages.URL, Pages.URL, 0, null, p.status(), headers, body, false,
                null, body.length, PhaseTimings.NONE, 1, null, null);
        return new Outcome(p, detector.classify("corpus", r, Expect.DEFAULT, Baseline.NONE, Pages.NOW).result());
    }

    @Test
    void detectionQualityOnTheCorpus() throws IOException {
        Detector detector = new Detector(SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS);
        List<Outcome> outcomes = new ArrayList<>();
        for (Page p : pages()) {
            outcomes.add(classify(detector, p));
        }
        Map<String, int[]> byClass = new TreeMap<>(); // pages, failing, right class
        List<String> misses = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();
        List<String> wrongClass = new ArrayList<>();
        List<String> noEvidence = new ArrayList<>();
        for (Outcome o : outcomes) {
            int[] c = byClass.computeIfAbsent(o.page().expected(), k -> new int[3]);
            c[0]++;
            String name = CORPUS.relativize(o.page().file()).toString();
            if (o.page().expected().equals("healthy")) {
                if (o.failing()) {
                    c[1]++;
                    falseAlarms.add(name + " → " + o.result().verdict() + " " + o.result().primaryClass() + ": "
                            + o.result().findings().get(0).signature() + " " + o.result().findings().get(0).evidence());
                }
                continue;
            }
            if (o.failing()) {
                c[1]++;
                Finding primary = o.result().findings().get(0);
                if (primary.evidence().isBlank() || primary.hint().isBlank()) {
                    noEvidence.add(name);
                }
            } else {
                misses.add(name);
            }
            if (o.rightClass()) {
                c[2]++;
            } else if (o.failing()) {
                wrongClass.add(name + " → " + o.result().primaryClass() + " (" + o.result().findings().get(0)
                        .signature() + ")");
            }
        }
        StringBuilder report = new StringBuilder();
        for (boolean held : new boolean[] {false, true}) {
            List<Outcome> part = outcomes.stream().filter(o -> o.page().heldOut() == held).toList();
            long failures = part.stream().filter(o -> !o.page().expected().equals("healthy")).count();
            long caught = part.stream().filter(o -> !o.page().expected().equals("healthy") && o.failing()).count();
            long right = part.stream().filter(o -> !o.page().expected().equals("healthy") && o.rightClass()).count();
            long healthy = part.size() - failures;
            long alarms = part.stream().filter(o -> o.page().expected().equals("healthy") && o.failing()).count();
            report.append(String.format(Locale.ROOT, "%-9s failure pages %d, caught %d, right class %d; healthy %d, "
                    + "false alarms %d%n", held ? "held-out" : "training", failures, caught, right, healthy, alarms));
        }
        report.append(String.format(Locale.ROOT, "%n%-24s %6s %8s %8s%n", "expected", "pages", "failing", "right"));
        int failurePages = 0;
        int detected = 0;
        int right = 0;
        for (var e : byClass.entrySet()) {
            int[] c = e.getValue();
            report.append(String.format(Locale.ROOT, "%-24s %6d %8d %8d%n", e.getKey(), c[0], c[1], c[2]));
            if (!e.getKey().equals("healthy")) {
                failurePages += c[0];
                detected += c[1];
                right += c[2];
            }
        }
        int healthy = byClass.getOrDefault("healthy", new int[3])[0];
        double recall = failurePages == 0 ? 0 : (double) detected / failurePages;
        double accuracy = failurePages == 0 ? 0 : (double) right / failurePages;
        report.append(String.format(Locale.ROOT, "%nfailure pages %d, recall %.1f%%, right class %.1f%%; healthy "
                + "look-alikes %d, false alarms %d%n", failurePages, 100 * recall, 100 * accuracy, healthy,
                falseAlarms.size()));
        report.append("missed: ").append(misses).append('\n').append("false alarms: ").append(falseAlarms)
                .append('\n').append("wrong class: ").append(wrongClass).append('\n');
        System.out.println(report);
        Files.writeString(Path.of("target/corpus-report.txt"), report, StandardCharsets.UTF_8);

        assertThat(failurePages).as("failure pages in the corpus").isGreaterThanOrEqualTo(MIN_FAILURE_PAGES);
        assertThat(healthy).as("healthy look-alikes in the corpus").isGreaterThanOrEqualTo(MIN_LOOKALIKES);
        assertThat(falseAlarms).as(report.toString()).isEmpty();
        assertThat(recall).as(report.toString()).isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(accuracy).as(report.toString()).isGreaterThanOrEqualTo(MIN_CLASS_ACCURACY);
        assertThat(noEvidence).as("detected pages whose primary finding lacks evidence or a hint").isEmpty();
    }
}
