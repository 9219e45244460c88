package org.watchpost.collector.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.jetty12.server.TimedHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.watchpost.config.HostPort;

/**
 * The collector's Jetty server: one connector with a connection limit, a bounded thread pool, {@link Routes} behind Micrometer's
 * request timer. Jetty core API, no servlets.
 */
public final class CollectorServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    public CollectorServer(ServerSettings settings, Routes routes, MeterRegistry registry) {
        QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), 4);
        threads.setName("collector-http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.listen().host());
        connector.setPort(settings.listen().port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        connector.setAcceptQueueSize(128);
        // On stop, idle keep-alive connections (agents between reports) are closed after this, not after 1 s each.
        connector.setShutdownIdleTimeout(100);
        server.addConnector(connector);
        // Bounds the work waiting for a thread: past this many connections Jetty stops accepting, and agents retry.
        server.addBean(new NetworkConnectionLimit(ServerSettings.MAX_CONNECTIONS, connector));
        TimedHandler timed = new TimedHandler(registry, Tags.empty());
        timed.setHandler(routes);
        server.setHandler(timed);
        connector.addBean(new JettyConnectionMetrics(registry, connector));
        new JettyServerThreadPoolMetrics(threads, Tags.empty()).bindTo(registry);
        server.setStopTimeout(5_000);
    }

    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // Stopping a server that never started cannot make things worse.
            }
            throw new IllegalStateException("cannot listen on " + hostPort(), e);
        }
    }

    /** The address actually bound, with the real port when 0 was asked for. */
    public HostPort hostPort() {
        int port = connector.getLocalPort() > 0 ? connector.getLocalPort() : connector.getPort();
        return new HostPort(connector.getHost() == null ? "0.0.0.0" : connector.getHost(), port);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP server did not stop cleanly", e);
        }
    }
}
