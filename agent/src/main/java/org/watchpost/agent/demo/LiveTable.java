package org.watchpost.agent.demo;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.watchpost.agent.daemon.Agent;
import org.watchpost.agent.daemon.TargetStatus;
import org.watchpost.agent.state.Transition;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.Finding;

/**
 * The demo's terminal view: one line per target (state, class, HTTP status, short evidence) and the latest state
 * changes. On a terminal it redraws in place; into a pipe or file it prints the table again only when it changes.
 */
public final class LiveTable implements Agent.Listener {
    private static final int EVENTS = 6;
    private static final int EVIDENCE = 62;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final PrintWriter out;
    private final boolean ansi;
    private final Deque<String> events = new ArrayDeque<>();
    private final Redraw redraw;
    private String lastTable = "";

    /** @param width the terminal's columns when {@code ansi} and known ({@link #terminalWidth()}), else 0 */
    public LiveTable(PrintWriter out, boolean ansi, int width) {
        this.out = out;
        this.ansi = ansi;
        this.redraw = new Redraw(width);
    }

    /**
     * The controlling terminal's width: {@code COLUMNS} when exported, else what {@code stty size} says of /dev/tty;
     * 0 when neither tells (the table then relies on the terminal clipping lines, with auto-wrap off).
     */
    public static int terminalWidth() {
        try {
            String columns = System.getenv("COLUMNS");
            if (columns != null && columns.matches("\\d{1,4}")) {
                return Integer.parseInt(columns);
            }
            Process stty = new ProcessBuilder("stty", "size")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/tty")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .strip();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0
                    && answer.matches("\\d+ \\d+")) {
                return Integer.parseInt(answer.substring(answer.indexOf(' ') + 1));
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    @Override
    public synchronized void transitioned(Transition t) {
        CheckResult r = t.cause();
        String why = r.findings().isEmpty() ? "HTTP " + r.status()
                : r.findings().get(0).failureClass() + ": " + shorten(r.findings().get(0).evidence(), 70);
        String line = String.format(Locale.ROOT, "%s  %-10s %s → %s  %s", CLOCK.format(t.at() == null
                ? Instant.now() : t.at()), t.target(), t.from().id(), t.to().id().toUpperCase(Locale.ROOT), why);
        events.addLast(line);
        while (events.size() > EVENTS) {
            events.removeFirst();
        }
        if (!ansi) {
            out.println(line);
            out.flush();
        }
    }

    /** Draws the table if something changed (always, on a terminal, so the clock-free view stays current). */
    public synchronized void render(List<TargetStatus> targets) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-10s %-8s %-22s %-5s %s%n", "TARGET", "STATE", "CLASS", "HTTP",
                "EVIDENCE"));
        for (TargetStatus s : targets) {
            CheckResult r = s.last();
            String cls = r == null ? "" : r.primaryClass() == null ? "-" : r.primaryClass().id();
            String status = r == null || r.status() == null ? "-" : String.valueOf(r.status());
            String evidence = "";
            if (r == null) {
                evidence = "(waiting for the first probe)";
            } else if (!r.findings().isEmpty()) {
                Finding f = r.findings().get(0);
                evidence = shorten(f.evidence(), EVIDENCE);
            }
            String state = s.state().id().toUpperCase(Locale.ROOT);
            if (ansi) {
                state = colour(s.state().id(), String.format(Locale.ROOT, "%-8s", state));
            } else {
                state = String.format(Locale.ROOT, "%-8s", state);
            }
            table.append(String.format(Locale.ROOT, "%-10s %s %-22s %-5s %s%n", s.name(), state, cls, status,
                    evidence));
        }
        String text = table.toString();
        if (ansi) {
            List<String> lines = new ArrayList<>(List.of(text.split("\n")));
            lines.add("");
            lines.add("Recent changes:");
            for (String e : events) {
                lines.add("  " + e);
            }
            for (int i = events.size(); i < EVENTS; i++) {
                lines.add("");
            }
            out.print(redraw.frame(lines));
            out.flush();
        } else if (!text.equals(lastTable)) {
            out.print(text);
            out.println();
            out.flush();
        }
        lastTable = text;
    }

    private static String colour(String state, String text) {
        String code = switch (state) {
            case "up" -> "32";
            case "down" -> "31;1";
            default -> "33";
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }

    static String shorten(String s, int max) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
