package org.watchpost.agent.probe;

import java.time.Instant;

/**
 * What the final hop's TLS session showed.
 *
 * @param leafNotAfter     expiry of the server's own certificate
 * @param earliestNotAfter the earliest expiry in the presented chain (an intermediate can expire first)
 * @param protocol         e.g. TLSv1.3
 * @param leafSubject      the leaf's subject DN, for evidence
 */
public record TlsInfo(Instant leafNotAfter, Instant earliestNotAfter, String protocol, String leafSubject) {
}
