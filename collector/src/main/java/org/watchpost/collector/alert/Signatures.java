package org.watchpost.collector.alert;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The webhook signature: {@code X-Watchpost-Signature: sha256=<hex HMAC-SHA256 of the body>}. */
public final class Signatures {
    public static final String HEADER = "X-Watchpost-Signature";

    private Signatures() {
    }

    public static String sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Constant-time check, for receivers written in Java and for the tests. */
    public static boolean verify(byte[] secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        return java.security.MessageDigest.isEqual(sign(secret, body).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
