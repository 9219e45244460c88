package org.watchpost.agent.probe;

/**
 * Fetches a target once. One implementation per protocol ({@link HttpProber} first), all with this shape.
 *
 * <p>A prober never throws for anything the network or the remote side does: DNS failures, refused connections,
 * bad certificates, timeouts and cut-off bodies all come back inside the {@link ProbeResult}.
 */
public interface Prober {
    ProbeResult probe(ProbeRequest request);

    /** Probes that hit a bug inside the prober and were reported as a failure instead of thrown. */
    default long internalErrors() {
        return 0;
    }
}
