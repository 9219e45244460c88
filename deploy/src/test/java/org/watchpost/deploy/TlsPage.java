package org.watchpost.deploy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * One page over HTTPS on 127.0.0.1 with a certificate that expires in two days, made for the test, and a trust store
 * holding it for the agent's JVM ({@link #jvmOptions()}). The agent then sees a certificate about to expire and the page
 * it serves.
 */
final class TlsPage implements AutoCloseable {
    private static final String PASSWORD = "watchpost-test";

    private final HttpsServer server;
    private final ExecutorService executor;
    private final Path trustStore;

    private TlsPage(HttpsServer server, ExecutorService executor, Path trustStore) {
        this.server = server;
        this.executor = executor;
        this.trustStore = trustStore;
    }

    static TlsPage start(String html, Path dir) {
        HeldCertificate certificate = new HeldCertificate.Builder()
                .commonName("127.0.0.1")
                .addSubjectAlternativeName("127.0.0.1")
                .duration(Duration.ofDays(2).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .build();
        HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
                .heldCertificate(certificate).build();
        try {
            Files.createDirectories(dir);
            Path trustStore = dir.resolve("truststore.p12");
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("watchpost-test", certificate.certificate());
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                store.store(out, PASSWORD.toCharArray());
            }
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setHttpsConfigurator(new HttpsConfigurator(serverCertificates.sslContext()));
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            // A bounded pool: the agent probes one page every few seconds.
            ExecutorService executor = Executors.newFixedThreadPool(2);
            server.setExecutor(executor);
            server.start();
            return new TlsPage(server, executor, trustStore);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the TLS page server", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not write the test trust store", e);
        }
    }

    URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** JVM flags that make the agent trust this page's certificate (and only the test's trust store). */
    List<String> jvmOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
