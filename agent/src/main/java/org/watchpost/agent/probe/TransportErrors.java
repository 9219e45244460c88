package org.watchpost.agent.probe;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.watchpost.protocol.PhaseTimings.Phase;
import org.watchpost.protocol.FailureClass;

/**
 * Turns what the JDK and OkHttp throw into a {@link TransportFailure} with a message that on-call staff can read.
 *
 * <p>Any timeout is {@link FailureClass#TIMEOUT}, wherever it happened (as blackbox_exporter does): a connect that
 * never completes is reported as a timeout "with no TCP connection", not as {@code connect}, which is kept for
 * answers that arrive and say no (refused, unreachable, reset).
 */
final class TransportErrors {
    private static final int MAX_MESSAGE = 200;

    private TransportErrors() {
    }

    /**
     * @param phase   the phase the probe was in when it failed, which says what a timeout was waiting for
     * @param timeout the probe's whole budget, named in timeout messages
     * @param host    the host of the failed hop, named when the exception does not
     */
    static TransportFailure classify(Throwable e, Phase phase, Duration timeout, String host) {
        if (isTimeout(e)) {
            return new TransportFailure(FailureClass.TIMEOUT, timeoutMessage(phase, timeout));
        }
        List<Throwable> chain = causes(e);
        for (Throwable t : chain) {
            if (t instanceof UnknownHostException) {
                return new TransportFailure(FailureClass.DNS, dnsMessage(t.getMessage(), host));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SSLException || t instanceof CertificateException
                    || t instanceof CertPathValidatorException) {
                return new TransportFailure(FailureClass.TLS, tlsMessage(chain, host));
            }
        }
        return new TransportFailure(FailureClass.CONNECT, connectMessage(chain));
    }

    /** The closest class for a failure that is our bug rather than the network's, by where the probe was. */
    static FailureClass closestClass(Phase phase) {
        return switch (phase) {
            case RESOLVE -> FailureClass.DNS;
            case TLS -> FailureClass.TLS;
            case CONNECT, PROCESSING, TRANSFER -> FailureClass.CONNECT;
        };
    }

    /** A socket timeout or OkHttp's call timeout (an {@link InterruptedIOException} "timeout"), at any depth. */
    static boolean isTimeout(Throwable e) {
        for (Throwable t : causes(e)) {
            if (t instanceof SocketTimeoutException
                    || t instanceof InterruptedIOException && "timeout".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    static String timeoutMessage(Phase phase, Duration timeout) {
        String within = " within " + human(timeout);
        return switch (phase) {
            case RESOLVE -> "no DNS answer" + within;
            case CONNECT -> "no TCP connection" + within;
            case TLS -> "no TLS handshake" + within;
            case PROCESSING, TRANSFER -> "no response" + within;
        };
    }

    /** {@code 500ms}, {@code 2s}, {@code 5m}: the units of the config file. */
    static String human(Duration d) {
        long millis = d.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        return seconds % 60 != 0 || seconds == 0 ? seconds + "s" : seconds / 60 + "m";
    }

    static String shorten(String s) {
        String line = s.lines().findFirst().orElse("").strip();
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE - 1) + "…";
    }

    /** The JDK says just the host name, or "host: Name or service not known"; either way the host is named. */
    private static String dnsMessage(String message, String host) {
        if (message == null || message.isBlank() || message.strip().equals(host)) {
            return "unknown host " + host;
        }
        return shorten(message.contains(host) ? message : "unknown host " + host + ": " + message);
    }

    private static String tlsMessage(List<Throwable> chain, String host) {
        for (Throwable t : chain) {
            if (t instanceof CertificateExpiredException) {
                return "certificate has expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate is not yet valid";
            }
            if (t instanceof CertPathValidatorException v) {
                if (v.getReason() == BasicReason.EXPIRED) {
                    return "certificate has expired";
                }
                if (v.getReason() == BasicReason.NOT_YET_VALID) {
                    return "certificate is not yet valid";
                }
                if (v.getReason() == BasicReason.REVOKED) {
                    return "certificate has been revoked";
                }
            }
            if (t instanceof SSLPeerUnverifiedException) {
                return "certificate is not valid for " + host;
            }
        }
        for (Throwable t : chain) {
            // The JDK's PKIX builder says this when no chain leads to a trusted root (self-signed, private CA,
            // missing intermediate); its class is internal, its message is stable.
            if (t.getMessage() != null && t.getMessage().contains("unable to find valid certification path")) {
                return "certificate is not trusted: no chain to a trusted root";
            }
        }
        return deepestMessage(chain);
    }

    private static String connectMessage(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (t instanceof EOFException && headerLimitReached(t.getMessage())) {
                // OkHttp reads at most 256 KiB of headers; a bigger head is cut there, which is not a hang-up.
                return "the response headers are larger than 256 KiB: not an HTTP response Watchpost can read";
            }
            if (t instanceof java.net.ProtocolException) {
                return "not a valid HTTP response: " + shorten(String.valueOf(t.getMessage()));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof EOFException) {
                // OkHttp: "unexpected end of stream on http://…": the server accepted and hung up without a word.
                return "connection closed before a response";
            }
        }
        return deepestMessage(chain);
    }

    private static final java.util.regex.Pattern LINE_LIMIT =
            java.util.regex.Pattern.compile("not found: limit=(\\d+)");

    /**
     * okio's "\n not found: limit=N" names how much it had buffered when it gave up on a line: a hang-up leaves a few
     * bytes at most, a header line too long for OkHttp's 256 KiB limit leaves kilobytes.
     */
    private static boolean headerLimitReached(String message) {
        if (message == null) {
            return false;
        }
        java.util.regex.Matcher m = LINE_LIMIT.matcher(message);
        return m.find() && m.group(1).length() < 10 && Long.parseLong(m.group(1)) >= 8192;
    }

    /** The innermost message says what the network said ("Connection refused"); outer ones add OkHttp's context. */
    private static String deepestMessage(List<Throwable> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            String m = chain.get(i).getMessage();
            if (m != null && !m.isBlank()) {
                return shorten(m);
            }
        }
        return chain.get(chain.size() - 1).getClass().getSimpleName();
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>(4);
        for (Throwable t = e; t != null && !chain.contains(t) && chain.size() < 16; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
