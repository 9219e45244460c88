package org.watchpost.agent.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds every occurrence of many literal byte patterns in one pass over a page: Aho-Corasick compiled into a
 * deterministic automaton, so the cost per byte does not depend on how many patterns there are.
 *
 * <p>Matching rules, applied to patterns and text alike:
 * <ul>
 *   <li>ASCII letters match regardless of case (other bytes, e.g. UTF-8 of accented letters, match exactly);</li>
 *   <li>any run of whitespace bytes (space, tab, CR, LF, FF, VT) matches a single space, so PHP's
 *       {@code "Fatal error:  msg"} or an error message wrapped over lines still matches its one-space pattern.</li>
 * </ul>
 *
 * <p>Speed: one table lookup per byte is bound by the latency of that lookup, because each step needs the state of
 * the one before. Long inputs are therefore cut into {@value #STREAMS} segments scanned side by side in one loop, so
 * the processor overlaps four independent chains of lookups. A segment's scan runs on past its end for as long as
 * its current partial match began before that end, and reports only matches that began there, so no match is lost
 * or reported twice (the property test checks this against a naive search).
 *
 * <p>Layout: the shallowest states (the ones text keeps visiting) have dense rows of 256 entries. An entry holds the
 * next state's row offset, or, with the sign bit set, the id of a "special" state: one that completes a pattern or
 * one too deep to have a dense row (huge libraries). Special states take a slow path: outputs are reported and deep
 * states step through sparse child lists and failure links until text leads back to a dense state.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class AnchorAutomaton {
    /** Receives hits; return {@code false} to stop the scan (used to bound the work on pathological pages). */
    @FunctionalInterface
    public interface HitSink {
        /**
         * @param pattern index of the pattern in the list given to {@link #compile}
         * @param end     index just past the last byte of the match in the scanned array
         */
        boolean hit(int pattern, int end);
    }

    /** Dense rows are kept within this many table entries (8 MiB of ints); deeper states go sparse beyond it. */
    static final int DEFAULT_DENSE_BUDGET = 2 << 20;
    static final int STREAMS = 4;
    /** Below this many bytes per stream, interleaving does not pay for its set-up. */
    private static final int MIN_INTERLEAVED_SEGMENT = 512;
    private static final int SPECIAL = 0x80000000;
    private static final int ID_MASK = 0x7fffffff;
    /** Returned by step functions when the sink asked to stop. */
    private static final long STOPPED = -1L;

    private final int denseCount;
    /** {@code delta[offset(state) | byte]}: next state's offset, or SPECIAL | id. */
    private final int[] delta;
    private final int stateCount;
    private final int[] classOf;
    /** One byte of each class, to index a dense row by class. */
    private final int[] representative;
    private final int whitespaceClass;
    // Sparse part, for states >= denseCount: child classes sorted per state, targets, failure links.
    private final int[] sparseStart;
    private final int[] sparseClasses;
    private final int[] sparseTargets;
    private final int[] fail;
    private final boolean[] endsInSpace;
    /** Normalised length of each state's string; bounds how far a segment's scan must run past its end. */
    private final int[] depth;
    // Outputs per state (own and inherited through failure links), flattened.
    private final int[] outStart;
    private final int[] outPatterns;
    private final int[] patternLength;
    private final int patternCount;

    private AnchorAutomaton(Builder b) {
        this.denseCount = b.denseCount;
        this.delta = b.delta;
        this.stateCount = b.stateCount;
        this.classOf = b.classOf;
        this.representative = b.representative;
        this.whitespaceClass = b.whitespaceClass;
        this.sparseStart = b.sparseStart;
        this.sparseClasses = b.sparseClasses;
        this.sparseTargets = b.sparseTargets;
        this.fail = b.fail;
        this.endsInSpace = b.endsInSpace;
        this.depth = b.depth;
        this.outStart = b.outStart;
        this.outPatterns = b.outPatterns;
        this.patternLength = b.patternLength;
        this.patternCount = b.patternCount;
    }

    /**
     * Compiles patterns. Each is normalised (ASCII lower case, whitespace runs to one space, trimmed); a pattern
     * that is empty after that is rejected.
     *
     * @throws IllegalArgumentException naming the index of an empty pattern
     */
    public static AnchorAutomaton compile(List<byte[]> patterns) {
        return compile(patterns, DEFAULT_DENSE_BUDGET);
    }

    static AnchorAutomaton compile(List<byte[]> patterns, int denseBudget) {
        return new AnchorAutomaton(new Builder(patterns, denseBudget));
    }

    public int patternCount() {
        return patternCount;
    }

    public int stateCount() {
        return stateCount;
    }

    /** States with a dense row; the rest use sparse child lists. For tests and benchmarks. */
    public int denseStateCount() {
        return denseCount;
    }

    /** Bytes held by the transition tables, for sizing reports. */
    public long tableBytes() {
        return 4L * (delta.length + sparseClasses.length + sparseTargets.length + fail.length + depth.length
                + outPatterns.length + outStart.length);
    }

    /**
     * Scans {@code text[from, to)} and reports every match of every pattern. Hits are not reported in any particular
     * order.
     */
    public void scan(byte[] text, int from, int to, HitSink sink) {
        if (from < 0 || to > text.length || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of " + text.length + " bytes");
        }
        if (to - from < STREAMS * MIN_INTERLEAVED_SEGMENT) {
            scanSegment(text, from, to, to, sink);
        } else {
            scanInterleaved(text, from, to, sink);
        }
    }

    /** Convenience for tests and small inputs: every hit as {pattern, end}. */
    public List<int[]> findAll(byte[] text) {
        List<int[]> hits = new ArrayList<>();
        scan(text, 0, text.length, (p, end) -> hits.add(new int[] {p, end}));
        return hits;
    }

    /**
     * Scans [from, end) from the root, then runs on up to {@code limit} while the current partial match began before
     * {@code end} (see the class comment).
     */
    private void scanSegment(byte[] text, int from, int end, int limit, HitSink sink) {
        long r = runSequential(text, from, end, 0, sink);
        if (r != STOPPED && end < limit) {
            overhang(text, end, limit, (int) r, sink);
        }
    }

    private void scanInterleaved(byte[] text, int from, int to, HitSink sink) {
        int seg = (to - from) / STREAMS;
        int e0 = from + seg;
        int e1 = e0 + seg;
        int e2 = e1 + seg;
        int e3 = to;
        int p0 = from;
        int p1 = e0;
        int p2 = e1;
        int p3 = e2;
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        int s3 = 0;
        final int[] d = delta;
        // The loop runs while every stream has input left; special states (outputs, deep states) leave it briefly.
        while (p0 < e0 && p1 < e1 && p2 < e2 && p3 < e3) {
            s0 = d[s0 | (text[p0++] & 0xff)];
            s1 = d[s1 | (text[p1++] & 0xff)];
            s2 = d[s2 | (text[p2++] & 0xff)];
            s3 = d[s3 | (text[p3++] & 0xff)];
            if ((s0 | s1 | s2 | s3) < 0) {
                long r;
                if (s0 < 0) {
                    if ((r = special(text, s0, p0, e0, sink)) == STOPPED) {
                        return;
                    }
                    s0 = (int) r;
                    p0 = (int) (r >>> 32);
                }
                if (s1 < 0) {
                    if ((r = special(text, s1, p1, e1, sink)) == STOPPED) {
                        return;
                    }
                    s1 = (int) r;
                    p1 = (int) (r >>> 32);
                }
                if (s2 < 0) {
                    if ((r = special(text, s2, p2, e2, sink)) == STOPPED) {
                        return;
                    }
                    s2 = (int) r;
                    p2 = (int) (r >>> 32);
                }
                if (s3 < 0) {
                    if ((r = special(text, s3, p3, e3, sink)) == STOPPED) {
                        return;
                    }
                    s3 = (int) r;
                    p3 = (int) (r >>> 32);
                }
            }
        }
        // Finish each stream alone, then let it run past its end where a match may straddle the boundary.
        long r;
        if ((r = runSequential(text, p0, e0, s0, sink)) == STOPPED || !overhang(text, e0, to, (int) r, sink)) {
            return;
        }
        if ((r = runSequential(text, p1, e1, s1, sink)) == STOPPED || !overhang(text, e1, to, (int) r, sink)) {
            return;
        }
        if ((r = runSequential(text, p2, e2, s2, sink)) == STOPPED || !overhang(text, e2, to, (int) r, sink)) {
            return;
        }
        runSequential(text, p3, e3, s3, sink);
    }

    /**
     * Runs one stream over [p, end) starting in dense state offset {@code s}; returns the final dense offset, or
     * STOPPED. (Runs that end inside a deep state return that state's id with the SPECIAL bit; see toOffset.)
     */
    private long runSequential(byte[] text, int p, int end, int s, HitSink sink) {
        final int[] d = delta;
        while (p < end) {
            s = d[s | (text[p++] & 0xff)];
            if (s < 0) {
                long r = special(text, s, p, end, sink);
                if (r == STOPPED) {
                    return STOPPED;
                }
                s = (int) r;
                p = (int) (r >>> 32);
            }
        }
        return s & 0xffffffffL;
    }

    /**
     * Handles a special state reached just before position {@code p}: reports its outputs, and if it is a deep state,
     * steps through the text until a dense state is reached or the stream ends. Returns (position << 32 | offset),
     * where offset is a dense row offset, or SPECIAL | id if the stream ended in a deep state.
     */
    private long special(byte[] text, int s, int p, int end, HitSink sink) {
        int id = s & ID_MASK;
        while (true) {
            if (!emit(id, p, Integer.MAX_VALUE, 0, sink)) {
                return STOPPED;
            }
            if (id < denseCount) {
                return ((long) p << 32) | ((long) id << 8);
            }
            if (p >= end) {
                return ((long) p << 32) | (SPECIAL | id) & 0xffffffffL;
            }
            id = sparseNext(id, classOf[text[p++] & 0xff]);
        }
    }

    /**
     * Continues a segment's scan past its end {@code from} (the next segment's start) while the current partial match
     * began before {@code from}: its depth exceeds the normalised characters read since. Reports only matches longer
     * than that, which the next segment, starting fresh at {@code from}, cannot see.
     *
     * @param s a dense offset or SPECIAL | id, as returned by runSequential
     * @return false if the sink asked to stop
     */
    private boolean overhang(byte[] text, int from, int limit, int s, HitSink sink) {
        int id = s < 0 ? s & ID_MASK : s >>> 8;
        int after = 0;
        boolean prevSpace = from > 0 && isWhitespace(text[from - 1] & 0xff);
        for (int p = from; p < limit && depth[id] > after; p++) {
            int b = text[p] & 0xff;
            boolean space = isWhitespace(b);
            if (!(space && prevSpace)) {
                after++;
            }
            prevSpace = space;
            id = id < denseCount ? idOf(delta[(id << 8) | b]) : sparseNext(id, classOf[b]);
            if (!emit(id, p + 1, after, 1, sink)) {
                return false;
            }
        }
        return true;
    }

    private static int idOf(int entry) {
        return entry < 0 ? entry & ID_MASK : entry >>> 8;
    }

    /** Reports outputs of {@code id} whose pattern is longer than {@code minExclusive} (overhang) or all (main scan). */
    private boolean emit(int id, int end, int minExclusive, int mode, HitSink sink) {
        for (int k = outStart[id]; k < outStart[id + 1]; k++) {
            int pattern = outPatterns[k];
            if (mode == 1 && patternLength[pattern] <= minExclusive) {
                continue;
            }
            if (!sink.hit(pattern, end)) {
                return false;
            }
        }
        return true;
    }

    /** Transition out of a deep (sparse) state, as a plain state id. */
    private int sparseNext(int id, int c) {
        if (c == whitespaceClass && endsInSpace[id]) {
            return id;
        }
        int state = id;
        while (state >= denseCount) {
            int k = sparseStart[state - denseCount];
            int end = sparseStart[state - denseCount + 1];
            int found = Arrays.binarySearch(sparseClasses, k, end, c);
            if (found >= 0) {
                return sparseTargets[found];
            }
            state = fail[state];
        }
        return idOf(delta[(state << 8) | representative[c]]);
    }

    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0B;
    }

    static int fold(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /** Normalises a pattern the way text is read: lower-case ASCII, one space per whitespace run, trimmed. */
    static byte[] normalize(byte[] p) {
        byte[] out = new byte[p.length];
        int n = 0;
        boolean space = false;
        for (byte x : p) {
            int b = x & 0xff;
            if (isWhitespace(b)) {
                space = n > 0;
                continue;
            }
            if (space) {
                out[n++] = ' ';
                space = false;
            }
            out[n++] = (byte) fold(b);
        }
        return Arrays.copyOf(out, n);
    }

    /** Builds the automaton; holds the temporary trie so the compiled instance keeps only what scanning needs. */
    private static final class Builder {
        private static final int[] NO_OUTPUT = new int[0];

        final int[] classOf = new int[256];
        final int[] representative = new int[256];
        int classes;
        int whitespaceClass;
        int denseCount;
        int[] delta;
        int stateCount;
        int[] sparseStart;
        int[] sparseClasses;
        int[] sparseTargets;
        int[] fail;
        boolean[] endsInSpace;
        int[] depth;
        int[] outStart;
        int[] outPatterns;
        int[] patternLength;
        final int patternCount;

        // Trie under construction: first-child / next-sibling lists, ids in insertion order.
        private int[] firstChild = new int[64];
        private int[] nextSibling = new int[64];
        private int[] label = new int[64];
        private int[] ownOutHead = new int[64];
        private int nodes = 1;
        /** Own outputs as linked lists: outNext[k] chains pattern k to the next pattern ending at the same node. */
        private final int[] outNext;

        Builder(List<byte[]> raw, int denseBudget) {
            patternCount = raw.size();
            patternLength = new int[patternCount];
            List<byte[]> patterns = new ArrayList<>(raw.size());
            for (int i = 0; i < raw.size(); i++) {
                byte[] p = normalize(raw.get(i));
                if (p.length == 0) {
                    throw new IllegalArgumentException("pattern " + i + " is empty after normalisation");
                }
                patterns.add(p);
                patternLength[i] = p.length;
            }
            assignClasses(patterns);
            Arrays.fill(firstChild, -1);
            Arrays.fill(nextSibling, -1);
            Arrays.fill(ownOutHead, -1);
            outNext = new int[patterns.size()];
            for (int i = 0; i < patterns.size(); i++) {
                insert(patterns.get(i), i);
            }
            finish(denseBudget);
        }

        /** Bytes that occur in no pattern share class 0; whitespace shares one class; upper case folds to lower. */
        private void assignClasses(List<byte[]> patterns) {
            boolean[] used = new boolean[256];
            for (byte[] p : patterns) {
                for (byte x : p) {
                    used[x & 0xff] = true;
                }
            }
            used[' '] = false;
            int next = 1;
            whitespaceClass = next++;
            int[] classOfFolded = new int[256];
            for (int b = 0; b < 256; b++) {
                if (used[b]) {
                    classOfFolded[b] = next++;
                }
            }
            Arrays.fill(representative, -1);
            for (int b = 255; b >= 0; b--) {
                classOf[b] = isWhitespace(b) ? whitespaceClass : classOfFolded[fold(b)];
                representative[classOf[b]] = b;
            }
            classes = next;
        }

        private void insert(byte[] p, int patternIndex) {
            int node = 0;
            for (byte x : p) {
                int c = classOf[x & 0xff];
                int child = child(node, c);
                if (child < 0) {
                    child = newNode(c);
                    nextSibling[child] = firstChild[node];
                    firstChild[node] = child;
                }
                node = child;
            }
            outNext[patternIndex] = ownOutHead[node];
            ownOutHead[node] = patternIndex;
        }

        private int child(int node, int c) {
            for (int k = firstChild[node]; k >= 0; k = nextSibling[k]) {
                if (label[k] == c) {
                    return k;
                }
            }
            return -1;
        }

        private int newNode(int c) {
            if (nodes == label.length) {
                int n = label.length * 2;
                firstChild = grow(firstChild, n);
                nextSibling = grow(nextSibling, n);
                label = Arrays.copyOf(label, n);
                ownOutHead = grow(ownOutHead, n);
            }
            label[nodes] = c;
            return nodes++;
        }

        private static int[] grow(int[] a, int n) {
            int[] b = Arrays.copyOf(a, n);
            Arrays.fill(b, a.length, n, -1);
            return b;
        }

        /** Renumbers the trie breadth-first, then computes failure links, outputs, dense rows and sparse lists. */
        private void finish(int denseBudget) {
            stateCount = nodes;
            int[] order = new int[nodes]; // bfs id -> trie node
            int[] bfsOf = new int[nodes]; // trie node -> bfs id
            int tail = 1;
            for (int head = 0; head < tail; head++) {
                bfsOf[order[head]] = head;
                for (int k = firstChild[order[head]]; k >= 0; k = nextSibling[k]) {
                    order[tail++] = k;
                }
            }
            denseCount = Math.max(1, Math.min(nodes, denseBudget >> 8));
            int[] rows = new int[denseCount * classes]; // plain ids by class, for dense states, while building
            fail = new int[nodes];
            endsInSpace = new boolean[nodes];
            depth = new int[nodes];
            boolean[] hasOutput = new boolean[nodes];
            int[] incoming = new int[nodes];

            int sparseStates = nodes - denseCount;
            sparseStart = new int[sparseStates + 1];
            int edges = 0;
            for (int s = denseCount; s < nodes; s++) {
                sparseStart[s - denseCount] = edges;
                for (int k = firstChild[order[s]]; k >= 0; k = nextSibling[k]) {
                    edges++;
                }
            }
            sparseStart[sparseStates] = edges;
            sparseClasses = new int[edges];
            sparseTargets = new int[edges];

            int[][] outs = new int[nodes][];
            int[] row = new int[classes];
            for (int s = 0; s < nodes; s++) {
                int node = order[s];
                int f = fail[s];
                int own = 0;
                for (int p = ownOutHead[node]; p >= 0; p = outNext[p]) {
                    own++;
                }
                int[] inherited = s == 0 ? NO_OUTPUT : outs[f];
                int[] o = inherited;
                if (own > 0) {
                    o = new int[own + inherited.length];
                    int n = 0;
                    for (int p = ownOutHead[node]; p >= 0; p = outNext[p]) {
                        o[n++] = p;
                    }
                    System.arraycopy(inherited, 0, o, n, inherited.length);
                }
                outs[s] = o;
                hasOutput[s] = o.length > 0;
                endsInSpace[s] = s != 0 && incoming[s] == whitespaceClass;

                // Transitions of s: its children where they exist, else those of its failure state.
                if (s == 0) {
                    Arrays.fill(row, 0);
                } else if (f < denseCount) {
                    System.arraycopy(rows, f * classes, row, 0, classes);
                } else {
                    for (int c = 0; c < classes; c++) {
                        row[c] = step(rows, f, c);
                    }
                }
                if (endsInSpace[s]) {
                    row[whitespaceClass] = s; // a second whitespace byte is the same collapsed space
                }
                int edgeBase = s >= denseCount ? sparseStart[s - denseCount] : 0;
                int e = 0;
                for (int k = firstChild[node]; k >= 0; k = nextSibling[k]) {
                    int t = bfsOf[k];
                    int c = label[k];
                    incoming[t] = c;
                    depth[t] = depth[s] + 1;
                    // t fails to where s's failure goes on c; the root's children fail to the root.
                    fail[t] = s == 0 ? 0 : row[c];
                    row[c] = t;
                    if (s >= denseCount) {
                        sparseClasses[edgeBase + e] = c;
                        sparseTargets[edgeBase + e] = t;
                        e++;
                    }
                }
                if (s >= denseCount) {
                    sortEdges(edgeBase, edgeBase + e);
                } else {
                    System.arraycopy(row, 0, rows, s * classes, classes);
                }
            }

            // Dense rows by byte: a plain dense state is its row offset, anything else is SPECIAL | id.
            delta = new int[denseCount << 8];
            for (int s = 0; s < denseCount; s++) {
                for (int b = 0; b < 256; b++) {
                    int t = rows[s * classes + classOf[b]];
                    delta[(s << 8) | b] = t < denseCount && !hasOutput[t] ? t << 8 : SPECIAL | t;
                }
            }
            outStart = new int[nodes + 1];
            int total = 0;
            for (int s = 0; s < nodes; s++) {
                outStart[s] = total;
                total += outs[s].length;
            }
            outStart[nodes] = total;
            outPatterns = new int[total];
            for (int s = 0; s < nodes; s++) {
                System.arraycopy(outs[s], 0, outPatterns, outStart[s], outs[s].length);
            }
        }

        /** Transition while building, in plain ids: dense rows by class, else sparse lists and failure links. */
        private int step(int[] rows, int state, int c) {
            while (true) {
                if (state < denseCount) {
                    return rows[state * classes + c];
                }
                if (c == whitespaceClass && endsInSpace[state]) {
                    return state;
                }
                int end = sparseStart[state - denseCount + 1];
                for (int e = sparseStart[state - denseCount]; e < end; e++) {
                    if (sparseClasses[e] == c) {
                        return sparseTargets[e];
                    }
                }
                state = fail[state];
            }
        }

        private void sortEdges(int from, int to) {
            for (int i = from + 1; i < to; i++) {
                int c = sparseClasses[i];
                int t = sparseTargets[i];
                int j = i - 1;
                while (j >= from && sparseClasses[j] > c) {
                    sparseClasses[j + 1] = sparseClasses[j];
                    sparseTargets[j + 1] = sparseTargets[j];
                    j--;
                }
                sparseClasses[j + 1] = c;
                sparseTargets[j + 1] = t;
            }
        }
    }
}
