package org.watchpost.collector.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.watchpost.collector.fleet.AgentView;
import org.watchpost.collector.fleet.FleetSnapshot;
import org.watchpost.collector.fleet.FleetState;
import org.watchpost.collector.fleet.HistoryPoint;
import org.watchpost.collector.fleet.Incident;
import org.watchpost.collector.fleet.IncidentEvent;
import org.watchpost.collector.fleet.TargetView;

/** Builds the page's {@link StatusModel} from a fleet snapshot and the incidents. */
public final class StatusModels {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private StatusModels() {
    }

    public static StatusModel build(FleetSnapshot snapshot, List<Incident> open, List<Incident> recent, Instant now,
                                    int refreshSeconds) {
        int up = 0;
        int partial = 0;
        int degraded = 0;
        int down = 0;
        int noData = 0;
        int maintenance = 0;
        Map<String, List<StatusModel.TargetRow>> bySite = new LinkedHashMap<>();
        Map<String, Integer> failingBySite = new LinkedHashMap<>();
        for (TargetView v : snapshot.targets()) {
            switch (v.state()) {
                case UP -> up++;
                case PARTIAL -> partial++;
                case DEGRADED -> degraded++;
                case DOWN -> down++;
                case NO_DATA -> noData++;
            }
            if (v.maintenance() != null) {
                maintenance++;
            }
            String site = v.site().isEmpty() ? "(no site)" : v.site();
            bySite.computeIfAbsent(site, s -> new ArrayList<>()).add(row(v, snapshot.historyOf(v.target()), now));
            failingBySite.merge(site, v.state().failing() ? 1 : 0, Integer::sum);
        }
        List<StatusModel.SiteGroup> sites = new ArrayList<>(bySite.size());
        for (Map.Entry<String, List<StatusModel.TargetRow>> e : bySite.entrySet()) {
            sites.add(new StatusModel.SiteGroup(e.getKey(), "site-" + anchor(e.getKey()),
                    failingBySite.get(e.getKey()), e.getValue()));
        }
        List<StatusModel.AgentRow> agents = new ArrayList<>();
        int stale = 0;
        for (AgentView a : snapshot.agents()) {
            if (a.stale()) {
                stale++;
            }
            int fill = a.journalFillPercent();
            agents.add(new StatusModel.AgentRow(a.agent(), a.version(), ago(a.lastSeen(), now), TIME.format(a.lastSeen()),
                    a.stale(), fill < 0 ? "unknown" : fill + "%", Long.toString(a.journalDropped()),
                    a.forwardLagRecords() < 0 ? "unknown" : Long.toString(a.forwardLagRecords())));
        }
        StatusModel.Counts counts = new StatusModel.Counts(snapshot.targets().size(), up, partial, degraded, down,
                noData, maintenance, snapshot.agents().size(), stale);
        return new StatusModel(TIME.format(now), Integer.toString(refreshSeconds), counts,
                open.stream().map(i -> incident(i, now)).toList(), recent.stream().map(i -> incident(i, now)).toList(),
                sites, agents, snapshot.droppedTargets());
    }

    private static StatusModel.TargetRow row(TargetView v, List<HistoryPoint> history, Instant now) {
        String state = v.maintenance() != null && v.state() != FleetState.UP ? "maintenance" : v.state().id();
        String label = switch (v.state()) {
            case UP -> "up";
            case PARTIAL -> "partial";
            case DEGRADED -> "degraded";
            case DOWN -> "down";
            case NO_DATA -> "no data";
        };
        if (v.maintenance() != null) {
            label = label + " · maintenance";
        }
        String note = v.state() == FleetState.NO_DATA ? "no agent reported within consensus.stale_after"
                : v.partialNote();
        List<StatusModel.Run> cells = new ArrayList<>();
        int bad = 0;
        for (HistoryPoint p : history) {
            String c = p.maintenance() && p.state() != FleetState.UP ? "m" : switch (p.state()) {
                case UP -> "u";
                case PARTIAL -> "p";
                case DEGRADED -> "g";
                case DOWN -> "d";
                case NO_DATA -> "n";
            };
            if (p.state().failing()) {
                bad++;
            }
            StatusModel.Run last = cells.isEmpty() ? null : cells.get(cells.size() - 1);
            if (last != null && last.cls().equals(c)) {
                cells.set(cells.size() - 1, new StatusModel.Run(c, last.cells() + 1));
            } else {
                cells.add(new StatusModel.Run(c, 1));
            }
        }
        String historyTitle = history.isEmpty() ? "no checks yet" : history.size() + " checks since "
                + TIME.format(history.get(0).time()) + ": " + (history.size() - bad) + " working, " + bad + " failing";
        String agreeing = v.agreeing().isEmpty() ? "" : String.join(", ", v.agreeing()) + " of " + v.freshAgents()
                + (v.staleAgents() > 0 ? " (" + v.staleAgents() + " not reporting)" : "");
        String url = v.url();
        String lower = url.toLowerCase(Locale.ROOT);
        String href = lower.startsWith("https://") || lower.startsWith("http://") ? url : "";
        return new StatusModel.TargetRow(v.target(), "target-" + anchor(v.target()), state, label,
                v.primaryClass() == null ? "" : v.primaryClass().id(), v.since() == null ? "" : ago(v.since(), now),
                v.since() == null ? "" : TIME.format(v.since()), v.evidence(), v.hint(), agreeing, note,
                v.maintenance() == null ? "" : v.maintenance(), url, href, cells, historyTitle);
    }

    private static StatusModel.IncidentRow incident(Incident i, Instant now) {
        List<StatusModel.EventRow> events = new ArrayList<>();
        for (IncidentEvent e : i.timeline()) {
            events.add(new StatusModel.EventRow(TIME.format(e.time()), e.kind().replace('_', ' '), e.detail()));
        }
        Instant end = i.resolvedAt() == null ? now : i.resolvedAt();
        return new StatusModel.IncidentRow(i.id(), "incident-" + i.id(), i.target(), "target-" + anchor(i.target()),
                i.verdict().id(), i.primaryClass().id(), i.severity(), i.evidence(), i.hint(),
                String.join(", ", i.agents()), TIME.format(i.firstSeen()), TIME.format(i.lastSeen()),
                i.resolvedAt() == null ? "" : TIME.format(i.resolvedAt()), human(Duration.between(i.firstSeen(), end)),
                i.flaps(), events, i.eventsDropped());
    }

    /** An id attribute value from any text: letters, digits, '-' and '_' kept, the rest hex-escaped. */
    static String anchor(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                sb.append(c);
            } else {
                sb.append('.').append(Integer.toHexString(c));
            }
        }
        return sb.toString();
    }

    static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            return "just now";
        }
        return human(d) + " ago";
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            return s / 3600 + "h " + (s % 3600) / 60 + "m";
        }
        return s / 86_400 + "d " + (s % 86_400) / 3600 + "h";
    }
}
