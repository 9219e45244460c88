package org.watchpost.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * A target changed state after thresholds: an event that is journalled, forwarded and alertable.
 *
 * @param target       the target's name
 * @param from         {@code unknown}, {@code up} or {@code down}
 * @param to           {@code up} or {@code down}
 * @param time         when the deciding probe started
 * @param primaryClass why, when it went down ({@code class} on the wire)
 * @param signature    the primary finding's signature or check id, when it went down
 * @param evidence     the primary finding's evidence, when it went down
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StateChange(String target, String from, String to, Instant time,
                          @JsonProperty("class") FailureClass primaryClass, String signature, String evidence) {
    public StateChange {
        Objects.requireNonNull(target, "target is required");
        Objects.requireNonNull(from, "from is required");
        Objects.requireNonNull(to, "to is required");
    }
}
