package org.watchpost.agent.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A hanging upstream: it accepts TCP connections on 127.0.0.1 and never answers, like an application server whose
 * workers are all stuck. A proxy in front of it gives up after its own timeout. At most {@link #MAX_CONNECTIONS}
 * connections are kept; later ones are closed at once (and counted), which a proxy sees as a failed upstream too.
 */
public final class SilentUpstream implements AutoCloseable {
    static final int MAX_CONNECTIONS = 256;

    private final ServerSocket socket;
    private final Thread acceptor;
    private final List<Socket> open = new ArrayList<>();
    private int refused;

    private SilentUpstream(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = new Thread(this::acceptForever, "silent upstream :" + socket.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public static SilentUpstream start() {
        try {
            return new SilentUpstream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on 127.0.0.1 for the silent upstream", e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Connections closed at once because {@link #MAX_CONNECTIONS} were already held. */
    public synchronized int refused() {
        return refused;
    }

    private void acceptForever() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                synchronized (this) {
                    if (open.size() < MAX_CONNECTIONS) {
                        open.add(s);
                    } else {
                        refused++;
                        s.close();
                    }
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
            synchronized (this) {
                for (Socket s : open) {
                    s.close();
                }
                open.clear();
            }
            acceptor.join(5_000);
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the silent upstream", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
