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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.watchpost.agent.daemon.Agent;
import org.watchpost.agent.state.TargetSnapshot;
import org.watchpost.agent.state.Transition;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.Finding;

/**
 * The demo's terminal view: one line per target (the collector's consensus, each agent's state, class, HTTP status,
 * short evidence), the incidents the collector opened, and the latest state changes. On a terminal it redraws in place;
 * into a pipe or file it prints the table again only when it changes, and a line per state change and incident.
 */
public final class LiveTable {
    private static final int EVENTS = 6;
    private static final int INCIDENTS = 3;
    private static final int MAX_REMEMBERED_INCIDENTS = 256;
    private static final int EVIDENCE = 62;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final PrintWriter out;
    private final boolean ansi;
    private final Deque<String> events = new ArrayDeque<>();
    private final Redraw redraw;
    private final List<String> agentIds;
    /** Incidents already announced, by id, with the state announced; bounded, oldest forgotten first. */
    private final Map<Long, String> incidentStates = new LinkedHashMap<>();
    private String lastTable = "";

    /**
     * @param width    the terminal's columns when {@code ansi} and known ({@link #terminalWidth()}), else 0
     * @param agentIds the demo's agents, one state column each
     */
    public LiveTable(PrintWriter out, boolean ansi, int width, List<String> agentIds) {
        if (agentIds.isEmpty()) {
            throw new IllegalArgumentException("the table needs at least one agent");
        }
        this.out = out;
        this.ansi = ansi;
        this.redraw = new Redraw(width);
        this.agentIds = List.copyOf(agentIds);
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

    /** The listener that records {@code agentId}'s state changes; its lines name the agent when there are several. */
    public Agent.Listener listener(String agentId) {
        return new Agent.Listener() {
            @Override
            public void transitioned(Transition t) {
                LiveTable.this.transitioned(agentIds.size() > 1 ? agentId : null, t);
            }
        };
    }

    private synchronized void transitioned(String agentId, Transition t) {
        CheckResult r = t.cause();
        String why = r.findings().isEmpty() ? "HTTP " + r.status()
                : r.findings().get(0).failureClass() + ": " + shorten(r.findings().get(0).evidence(), 70);
        String line = String.format(Locale.ROOT, "%s  %s%-10s %s → %s  %s", CLOCK.format(t.at() == null
                        ? Instant.now() : t.at()), agentId == null ? "" : String.format(Locale.ROOT, "%-5s ", agentId),
                t.target(), t.from().id(), t.to().id().toUpperCase(Locale.ROOT), why);
        event(line);
    }

    private void event(String line) {
        events.addLast(line);
        while (events.size() > EVENTS) {
            events.removeFirst();
        }
        if (!ansi) {
            out.println(line);
            out.flush();
        }
    }

    /**
     * Draws the table if something changed (always, on a terminal, so the clock-free view stays current).
     *
     * @param views each agent's targets, in the order of the agents given at construction
     * @param fleet what the collector decided, or null when the demo runs without one
     */
    public synchronized void render(Map<String, List<TargetSnapshot>> views, FleetFeed.View fleet) {
        if (fleet != null) {
            noteIncidents(fleet);
        }
        boolean several = agentIds.size() > 1;
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-10s ", "TARGET"));
        if (fleet != null) {
            table.append(String.format(Locale.ROOT, "%-8s ", "FLEET"));
        }
        for (String id : agentIds) {
            table.append(String.format(Locale.ROOT, "%-8s ", several ? id.toUpperCase(Locale.ROOT) : "STATE"));
        }
        table.append(String.format(Locale.ROOT, "%-22s %-5s %s%n", "CLASS", "HTTP", "EVIDENCE"));
        List<TargetSnapshot> first = views.getOrDefault(agentIds.get(0), List.of());
        for (int i = 0; i < first.size(); i++) {
            String name = first.get(i).name();
            table.append(String.format(Locale.ROOT, "%-10s ", name));
            if (fleet != null) {
                String state = fleet.states().getOrDefault(name, "…");
                table.append(cell(state, state.toUpperCase(Locale.ROOT).replace("NO_DATA", "NO DATA"))).append(' ');
            }
            TargetSnapshot worst = null;
            for (String id : agentIds) {
                TargetSnapshot s = find(views.get(id), name);
                table.append(s == null ? String.format(Locale.ROOT, "%-8s", "-")
                        : cell(s.state().id(), s.state().id().toUpperCase(Locale.ROOT))).append(' ');
                if (s != null && s.last() != null && (worst == null || worst.last() == null
                        || (worst.last().primaryClass() == null && s.last().primaryClass() != null))) {
                    worst = s;
                }
            }
            CheckResult r = worst == null ? null : worst.last();
            String cls = r == null ? "" : r.primaryClass() == null ? "-" : r.primaryClass().id();
            String status = r == null || r.status() == null ? "-" : String.valueOf(r.status());
            String evidence = "";
            if (r == null) {
                evidence = "(waiting for the first probe)";
            } else if (!r.findings().isEmpty()) {
                Finding f = r.findings().get(0);
                evidence = shorten(f.evidence(), EVIDENCE);
            }
            table.append(String.format(Locale.ROOT, "%-22s %-5s %s%n", cls, status, evidence));
        }
        String text = table.toString();
        if (ansi) {
            List<String> lines = new ArrayList<>(List.of(text.split("\n")));
            if (fleet != null) {
                lines.add("");
                lines.add(fleet.error() == null ? "Incidents (the collector's decision):"
                        : "Incidents: the collector cannot be read: " + fleet.error());
                List<String> rows = fleet.incidents().stream().limit(INCIDENTS).map(LiveTable::incidentRow).toList();
                lines.addAll(rows.isEmpty() ? List.of("  none yet") : rows);
                for (int n = Math.max(rows.size(), 1); n < INCIDENTS; n++) {
                    lines.add("");
                }
            }
            lines.add("");
            lines.add("Recent changes:");
            for (String e : events) {
                lines.add("  " + e);
            }
            for (int n = events.size(); n < EVENTS; n++) {
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

    /** In plain output, one line when an incident opens and one when it resolves. */
    private void noteIncidents(FleetFeed.View fleet) {
        for (FleetFeed.Incident i : fleet.incidents()) {
            String before = incidentStates.put(i.id(), i.state());
            if (i.state().equals(before)) {
                continue;
            }
            if (incidentStates.size() > MAX_REMEMBERED_INCIDENTS) {
                incidentStates.remove(incidentStates.keySet().iterator().next());
            }
            String line = i.state().equals("open")
                    ? String.format(Locale.ROOT, "incident #%d opened: %s %s, agents %s: %s", i.id(), i.target(),
                    i.cls(), String.join(", ", i.agents()), shorten(i.evidence(), 70))
                    : String.format(Locale.ROOT, "incident #%d resolved: %s is up again", i.id(), i.target());
            if (!ansi) {
                out.println(line);
                out.flush();
            }
        }
    }

    private static String incidentRow(FleetFeed.Incident i) {
        return String.format(Locale.ROOT, "  #%-3d %-10s %-9s %-22s agents %-12s %s", i.id(), i.target(),
                i.state().toUpperCase(Locale.ROOT), i.cls(), String.join(",", i.agents()), shorten(i.evidence(), 50));
    }

    private String cell(String state, String text) {
        String padded = String.format(Locale.ROOT, "%-8s", text);
        return ansi ? colour(state, padded) : padded;
    }

    private static TargetSnapshot find(List<TargetSnapshot> list, String name) {
        if (list != null) {
            for (TargetSnapshot s : list) {
                if (s.name().equals(name)) {
                    return s;
                }
            }
        }
        return null;
    }

    private static String colour(String state, String text) {
        String code = switch (state) {
            case "up" -> "32";
            case "down" -> "31;1";
            case "partial" -> "36";
            default -> "33";
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }

    static String shorten(String s, int max) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
