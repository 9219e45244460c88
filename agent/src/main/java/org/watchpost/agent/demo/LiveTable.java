package org.watchpost.agent.demo;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.watchpost.agent.daemon.Agent;
import org.watchpost.agent.state.TargetSnapshot;
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
    private int drawnLines;
    private String lastTable = "";

    public LiveTable(PrintWriter out, boolean ansi) {
        this.out = out;
        this.ansi = ansi;
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
    public synchronized void render(List<TargetSnapshot> targets) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-10s %-8s %-22s %-5s %s%n", "TARGET", "STATE", "CLASS", "HTTP",
                "EVIDENCE"));
        for (TargetSnapshot s : targets) {
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
            StringBuilder frame = new StringBuilder();
            if (drawnLines > 0) {
                frame.append("\u001b[").append(drawnLines).append("F\u001b[J"); // up and clear to the end
            }
            frame.append(text).append('\n').append("Recent changes:\n");
            for (String e : events) {
                frame.append("  ").append(e).append('\n');
            }
            for (int i = events.size(); i < EVENTS; i++) {
                frame.append('\n');
            }
            out.print(frame);
            out.flush();
            drawnLines = (int) frame.chars().filter(c -> c == '\n').count();
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
