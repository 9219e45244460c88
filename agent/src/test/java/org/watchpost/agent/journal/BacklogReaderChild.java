package org.watchpost.agent.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.time.TimeSource;

/**
 * Child of {@link JournalProcessTest}: opens a journal with a backlog, reports what that cost, then on "read" reads
 * and acknowledges the whole backlog, counting the segment files it holds open after every batch, and waits for
 * "exit". The test counts the child's open files from outside while it waits.
 *
 * <p>Arguments: DIR MAX_BYTES SEGMENT_BYTES. Prints {@code OPENED heap=B stored=N segments=N fds=N journal_fds=N},
 * then {@code READ records=N max_journal_fds=N heap=B fds=N journal_fds=N}.
 */
public final class BacklogReaderChild {
    private BacklogReaderChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        JournalSettings settings = new JournalSettings(Long.parseLong(args[1]), Long.parseLong(args[2]), 0,
                Duration.ofDays(3650), Duration.ofSeconds(1));
        long self = ProcessHandle.current().pid();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Journal journal = Journal.open(dir, settings, TimeSource.system(), JournalFiles.system())) {
            Journal.Stats s = journal.stats();
            long[] fds = ProcessFigures.openFiles(self, dir);
            System.out.printf("OPENED heap=%d stored=%d segments=%d fds=%d journal_fds=%d%n",
                    ProcessFigures.heapAfterGc(), s.stored(), s.segments(), fds[0], fds[1]);
            expect(in, "read");
            long records = 0;
            long maxJournalFds = 0;
            try (JournalReader reader = journal.reader()) {
                for (List<JournalRecord> batch = reader.next(20, 1 << 20); !batch.isEmpty();
                     batch = reader.next(20, 1 << 20)) {
                    records += batch.size();
                    maxJournalFds = Math.max(maxJournalFds, ProcessFigures.openFiles(self, dir)[1]);
                    reader.acknowledge(batch.get(batch.size() - 1).sequence());
                }
                long heap = ProcessFigures.heapAfterGc();
                fds = ProcessFigures.openFiles(self, dir);
                System.out.printf("READ records=%d max_journal_fds=%d heap=%d fds=%d journal_fds=%d%n", records,
                        maxJournalFds, heap, fds[0], fds[1]);
                expect(in, "exit");
            }
        }
    }

    private static void expect(BufferedReader in, String word) throws IOException {
        String line = in.readLine();
        if (!word.equals(line)) {
            throw new IllegalStateException("expected '" + word + "' on stdin, got " + line);
        }
    }
}
