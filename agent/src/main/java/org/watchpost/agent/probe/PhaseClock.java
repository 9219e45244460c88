package org.watchpost.agent.probe;

import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Response;
import org.watchpost.protocol.PhaseTimings;
import org.watchpost.protocol.PhaseTimings.Phase;
import org.watchpost.agent.time.TimeSource;

/**
 * Splits the wall time of one probe into the five {@link Phase phases}. At every moment exactly one phase is
 * running, so the phases add up to the probe's duration by construction; OkHttp's events only say when to switch.
 *
 * <p>Within one hop the phase only moves forward. OkHttp races connection attempts on several threads (IPv6 and
 * IPv4 "fast fallback"), and a losing attempt's late {@code connectStart} must not pull a hop that is already
 * waiting for the server back into "connect". Each redirect hop starts again at {@link Phase#RESOLVE}; events from an
 * earlier hop's calls are ignored, for the same reason.
 *
 * <p>Listener methods run on OkHttp's threads: they take a short lock, do arithmetic and never throw.
 */
final class PhaseClock {
    /** Finds the clock a probe put into its request's tags; calls made without one are not measured. */
    static final EventListener.Factory LISTENERS = call -> {
        PhaseClock clock = call.request().tag(PhaseClock.class);
        return clock == null ? EventListener.NONE : clock.listenerForCurrentHop();
    };

    private final TimeSource time;
    private final long[] spent = new long[Phase.values().length];
    private Phase phase = Phase.RESOLVE;
    private long phaseSince;
    private int hop;
    private PhaseTimings stopped;

    PhaseClock(TimeSource time) {
        this.time = time;
        this.phaseSince = time.nanoTime();
    }

    /** Starts the next redirect hop (the first one too): its calls get listeners bound to it. */
    synchronized void startHop() {
        if (stopped == null) {
            charge();
            phase = Phase.RESOLVE;
            hop++;
        }
    }

    synchronized Phase phase() {
        return phase;
    }

    /** Ends the probe; later events change nothing. Returns the same timings when called again. */
    synchronized PhaseTimings stop() {
        if (stopped == null) {
            charge();
            stopped = new PhaseTimings(spent[Phase.RESOLVE.ordinal()], spent[Phase.CONNECT.ordinal()],
                    spent[Phase.TLS.ordinal()], spent[Phase.PROCESSING.ordinal()], spent[Phase.TRANSFER.ordinal()]);
        }
        return stopped;
    }

    private synchronized EventListener listenerForCurrentHop() {
        return new HopListener(this, hop);
    }

    private synchronized void advance(int eventHop, Phase next) {
        if (stopped == null && eventHop == hop && next.ordinal() > phase.ordinal()) {
            charge();
            phase = next;
        }
    }

    private void charge() {
        long now = time.nanoTime();
        spent[phase.ordinal()] += Math.max(0, now - phaseSince);
        phaseSince = now;
    }

    /**
     * The events that end a phase. {@code responseHeadersStart} is deliberately not one of them: where OkHttp fires it
     * has moved between versions (before the wait for the server, or after the headers were read), while
     * {@code responseHeadersEnd} always marks the answer's arrival. The server's thinking time stays in processing.
     */
    private static final class HopListener extends EventListener {
        private final PhaseClock clock;
        private final int hop;

        HopListener(PhaseClock clock, int hop) {
            this.clock = clock;
            this.hop = hop;
        }

        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            clock.advance(hop, Phase.CONNECT);
        }

        @Override
        public void secureConnectStart(Call call) {
            clock.advance(hop, Phase.TLS);
        }

        @Override
        public void secureConnectEnd(Call call, Handshake handshake) {
            clock.advance(hop, Phase.PROCESSING);
        }

        @Override
        public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
            clock.advance(hop, Phase.PROCESSING);
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            clock.advance(hop, Phase.PROCESSING);
        }

        @Override
        public void responseHeadersEnd(Call call, Response response) {
            clock.advance(hop, Phase.TRANSFER);
        }
    }
}
