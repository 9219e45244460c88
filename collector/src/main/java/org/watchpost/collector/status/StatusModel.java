package org.watchpost.collector.status;

import java.util.List;

/**
 * What the status page template shows, already formatted: the template only lays it out (and escapes every value).
 */
public record StatusModel(String generatedAt, String refreshSeconds, Counts counts, List<IncidentRow> open,
                          List<IncidentRow> recent, List<SiteGroup> sites, List<AgentRow> agents,
                          int droppedTargets) {

    public record Counts(int targets, int up, int partial, int degraded, int down, int noData, int maintenance,
                         int agents, int agentsStale) {
    }

    public record SiteGroup(String name, String anchor, int failing, List<TargetRow> targets) {
    }

    /**
     * @param href    the target's URL when it is http(s), for a link; "" otherwise (never a {@code javascript:} link)
     * @param history the history strip as runs of equal cells, oldest first
     */
    public record TargetRow(String name, String anchor, String state, String stateLabel, String cls, String since,
                            String sinceExact, String evidence, String hint, String agents, String note,
                            String maintenance, String url, String href, List<Run> history, String historyTitle) {
    }

    /**
     * Consecutive history cells of one kind, drawn as one element: 1,000 targets with 90 cells each would otherwise
     * be 90,000 elements and most of the page's bytes.
     *
     * @param cls   the cell kind's CSS class: u up, p partial, g degraded, d down, n no data, m maintenance
     * @param cells how many checks in a row
     */
    public record Run(String cls, int cells) {
        /** Width on the page: every check gets {@link #CELL_PX} pixels, its gap included. */
        public static final int CELL_PX = 3;

        public int widthPx() {
            return cells * CELL_PX;
        }
    }

    public record IncidentRow(long id, String anchor, String target, String targetAnchor, String verdict,
                              String cls, String severity, String evidence, String hint, String agents,
                              String firstSeen, String lastSeen, String resolvedAt, String duration, int flaps,
                              List<EventRow> timeline, int timelineDropped) {
    }

    public record EventRow(String time, String kind, String detail) {
    }

    public record AgentRow(String id, String version, String lastSeen, String lastSeenExact, boolean stale,
                           String journalFill, String drops, String lag) {
    }
}
