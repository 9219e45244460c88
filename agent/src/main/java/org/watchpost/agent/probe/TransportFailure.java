package org.watchpost.agent.probe;

import java.util.Objects;
import org.watchpost.protocol.FailureClass;

/**
 * Why no response arrived.
 *
 * @param failureClass one of {@code dns}, {@code connect}, {@code tls}, {@code timeout}
 * @param message      what the network said, for evidence (e.g. "Connection refused")
 */
public record TransportFailure(FailureClass failureClass, String message) {
    public TransportFailure {
        Objects.requireNonNull(failureClass, "failureClass");
        if (failureClass.isContent()) {
            throw new IllegalArgumentException(failureClass + " is not a transport failure class");
        }
        message = message == null ? "" : message;
    }
}
