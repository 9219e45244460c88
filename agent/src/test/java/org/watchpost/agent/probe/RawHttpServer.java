package org.watchpost.agent.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Answers one connection on loopback with exactly the given bytes and hangs up: for responses no well-behaved server
 * library will send (a body shorter than its Content-Length, a chunked stream cut in the middle).
 */
final class RawHttpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;

    RawHttpServer(String response) throws IOException {
        this(response.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttpServer(byte[] response) throws IOException {
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serveOnce(response), "raw-http-server");
        thread.setDaemon(true);
        thread.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    private void serveOnce(byte[] response) {
        try (Socket s = socket.accept()) {
            readRequestHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write(response);
            out.flush();
        } catch (IOException closedOrReset) {
            // The test is over or the client went away; either way there is nothing left to serve.
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b >= 0; b = in.read()) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
