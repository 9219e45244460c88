package org.watchpost.collector.ingest;

import java.util.List;
import org.watchpost.protocol.ReportRecord;

/**
 * Told about each committed report, on the request thread, right after the commit and before the answer goes out.
 * It must be fast and must not throw (an exception is logged and swallowed, the report stays acknowledged).
 */
@FunctionalInterface
public interface IngestListener {
    /**
     * @param agent   the authenticated agent
     * @param records the records this report stored for the first time, ascending by seq; replays bring none
     */
    void stored(String agent, List<ReportRecord> records);
}
