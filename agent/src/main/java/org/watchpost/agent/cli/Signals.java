package org.watchpost.agent.cli;

import sun.misc.Signal;

/**
 * POSIX signals for the daemon. The JDK has no public API for SIGHUP (reload) or for turning SIGTERM into an orderly
 * exit 0, so this uses {@code sun.misc.Signal} from the {@code jdk.unsupported} module, which every JDK ships and
 * which is the documented way for daemons; it is confined to this class.
 */
final class Signals {
    private Signals() {
    }

    /** Runs {@code action} on the JVM's signal thread when {@code name} (TERM, INT, HUP) arrives. */
    static void on(String name, Runnable action) {
        Signal.handle(new Signal(name), s -> action.run());
    }
}
