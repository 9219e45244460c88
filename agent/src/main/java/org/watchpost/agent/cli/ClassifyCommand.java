package org.watchpost.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.watchpost.config.Durations;
import org.watchpost.agent.detect.Expect;
import org.watchpost.agent.config.ProbeSettings;
import org.watchpost.config.Sizes;
import org.watchpost.agent.detect.Baseline;
import org.watchpost.agent.detect.Classification;
import org.watchpost.agent.detect.Detector;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.log.ControlChars;
import org.watchpost.agent.probe.HttpProber;
import org.watchpost.agent.probe.ProbeRequest;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Verdict;
import org.watchpost.protocol.WireJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code classify}: one page, one verdict. A URL is probed with the real prober; a file (or {@code -} for stdin) is
 * read as if it had been served with HTTP 200.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Fetch (or read) one page and print the verdict.",
                "Exit 0 if the page is up, 1 if degraded or down, 2 on error."})
final class ClassifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|text",
            description = "json (default) for machines, text for a person: verdict, evidence, hint and why.")
    String format;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION",
            description = "Limit for fetching a URL, redirects and body included (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--max-body", defaultValue = "2MiB", paramLabel = "SIZE",
            description = "Read at most this much of the page (default ${DEFAULT-VALUE}).")
    String maxBody;

    @Parameters(paramLabel = "URL|FILE|-", description = "An http(s) URL, a file, or - for standard input.")
    String source;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("json") && !format.equals("text")) {
            err.println("classify: --format must be json or text, got '" + format + "'");
            return AgentMain.EXIT_ERROR;
        }
        Duration limit;
        long bodyCap;
        try {
            limit = Durations.parse(timeout);
            bodyCap = Sizes.parse(maxBody);
        } catch (IllegalArgumentException e) {
            err.println("classify: " + e.getMessage());
            return AgentMain.EXIT_ERROR;
        }
        if (limit.isZero()) {
            err.println("classify: --timeout must be more than 0");
            return AgentMain.EXIT_ERROR;
        }
        ProbeResult probe;
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI url;
            try {
                url = URI.create(source);
            } catch (IllegalArgumentException e) {
                err.println("classify: '" + source + "' is not a valid URL: " + e.getMessage());
                return AgentMain.EXIT_ERROR;
            }
            probe = new HttpProber(TimeSource.system()).probe(new ProbeRequest(url, limit, bodyCap,
                    ProbeSettings.DEFAULTS.maxRedirects()));
        } else {
            byte[] page;
            URI name;
            try {
                if (source.equals("-")) {
                    page = readCapped(System.in, bodyCap);
                    name = URI.create("stdin:-");
                } else {
                    Path file = Path.of(source);
                    try (InputStream in = Files.newInputStream(file)) {
                        page = readCapped(in, bodyCap);
                    }
                    name = file.toAbsolutePath().toUri();
                }
            } catch (NoSuchFileException e) {
                err.println("classify: " + source + ": no such file (give an http:// or https:// URL, a file or -)");
                return AgentMain.EXIT_ERROR;
            } catch (IOException e) {
                String why = Files.isDirectory(Path.of(source)) ? "is a directory, not a page"
                        : "cannot be read: " + e.getMessage();
                err.println("classify: " + Path.of(source).toAbsolutePath() + " " + why
                        + " (give an http:// or https:// URL, a file or -)");
                return AgentMain.EXIT_ERROR;
            }
            probe = ProbeResult.ofPage(name, TimeSource.system().now(), page);
        }
        Detector detector = new Detector(SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS);
        Classification c = detector.classify(null, probe, Expect.DEFAULT, Baseline.NONE, TimeSource.system().now());
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(WireJson.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(c.result()));
        } else {
            printText(out, c);
        }
        out.flush();
        return c.result().verdict() == Verdict.UP ? 0 : 1;
    }

    private static byte[] readCapped(InputStream in, long cap) throws IOException {
        byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap));
        return Arrays.copyOf(b, b.length);
    }

    /** For a person: the verdict, then each finding with where it stood and why it counted, then what did not. */
    /**
     * Everything printed here may come from the page (title, evidence, URLs of redirects): terminal control
     * sequences in it are removed (see {@link ControlChars}), so a hostile page cannot rewrite the operator's terminal.
     */
    static void printText(PrintWriter terminal, Classification c) {
        PrintWriter out = new PrintWriter(new java.io.Writer() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(char[] buf, int off, int len) {
                line.append(buf, off, len);
            }

            @Override
            public void flush() {
                terminal.print(ControlChars.strip(line.toString()));
                line.setLength(0);
                terminal.flush();
            }

            @Override
            public void close() {
                flush();
            }
        });
        printUnsafe(out, c);
        out.flush();
    }

    private static void printUnsafe(PrintWriter out, Classification c) {
        CheckResult r = c.result();
        out.printf("verdict:  %s%s%n", r.verdict(), r.primaryClass() == null ? "" : " (" + r.primaryClass() + ")");
        out.printf("status:   %s%n", r.status() == null ? "no response" : r.status());
        out.printf("url:      %s%s%n", r.url(), r.finalUrl() == null ? "" : " → " + r.finalUrl());
        if (!c.page().title().isEmpty()) {
            out.printf("title:    %s%n", c.page().title());
        }
        for (Finding f : r.findings()) {
            out.println();
            out.printf("finding:  %s  %s  %s  confidence %.2f%n", f.failureClass(), f.signature(), f.severity(),
                    f.confidence());
            if (!f.context().isEmpty()) {
                out.printf("  where:    %s%n", f.context());
            }
            out.printf("  evidence: %s%n", f.evidence());
            out.printf("  hint:     %s%n", f.hint());
            c.considered().stream().filter(k -> k.signature().equals(f.signature())).findFirst()
                    .ifPresent(k -> out.printf("  score:    %s → %s%n", String.join("; ", k.reasons()), k.verdict()));
        }
        List<Classification.Considered> ignored = c.considered().stream().filter(k -> !k.counted()).toList();
        if (!ignored.isEmpty()) {
            out.println();
            out.println("not counted (the page mentions these but does not seem to be failing with them):");
            for (Classification.Considered k : ignored) {
                out.printf("  %s (%s) in %s: %s%n      %s%n", k.signature(), k.failureClass(), k.context(),
                        k.verdict(), String.join("; ", k.reasons()));
            }
        }
        if (c.hitsDropped() > 0) {
            out.printf("%n%d further anchor hits were not examined (per-page cap)%n", c.hitsDropped());
        }
    }
}
