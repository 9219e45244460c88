package org.watchpost.agent.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A target's private CA ({@code tls_ca_file}): its PEM certificates are trusted besides the system's roots, for
 * intranet sites and staging servers whose certificates no public root signs. Anything else still fails as
 * {@code tls} with its reason.
 */
public final class TrustedCa {
    final SSLSocketFactory socketFactory;
    final X509TrustManager trustManager;

    private TrustedCa(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
        this.socketFactory = socketFactory;
        this.trustManager = trustManager;
    }

    /** Why {@code file} cannot serve as a CA file, in words for a config message; null when it can. */
    public static String problem(Path file) {
        try {
            certificates(file);
            return null;
        } catch (java.nio.file.NoSuchFileException e) {
            return "names a file that does not exist";
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        } catch (CertificateException e) {
            return "holds no PEM certificate that can be read: " + e.getMessage();
        }
    }

    static List<X509Certificate> certificates(Path file) throws IOException, CertificateException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : certs) {
            if (c instanceof X509Certificate x) {
                out.add(x);
            }
        }
        if (out.isEmpty()) {
            throw new CertificateException("no certificate in " + file);
        }
        return out;
    }

    /** The file's CAs and the system's roots together. */
    static TrustedCa load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (X509Certificate c : certificates(file)) {
            store.setCertificateEntry("ca-" + i++, c);
        }
        X509TrustManager custom = trustManager(store);
        X509TrustManager system = trustManager(null);
        X509TrustManager both = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                system.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    custom.checkServerTrusted(chain, authType);
                } catch (CertificateException notOurs) {
                    system.checkServerTrusted(chain, authType);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                X509Certificate[] a = custom.getAcceptedIssuers();
                X509Certificate[] b = system.getAcceptedIssuers();
                X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, all, a.length, b.length);
                return all;
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {both}, null);
        return new TrustedCa(ctx.getSocketFactory(), both);
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }
}
