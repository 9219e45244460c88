package org.watchpost.agent.detect;

import java.util.List;

/**
 * The {@code expect:} block of a target.
 *
 * @param status      acceptable final HTTP statuses; empty means any 2xx
 * @param contains    texts the page must contain (after HTML entity decoding); one missing is {@code content_missing}
 * @param notContains texts the page must not contain; one present is {@code content_unexpected}
 */
public record Expect(List<Integer> status, List<String> contains, List<String> notContains) {
    public static final Expect DEFAULT = new Expect(List.of(), List.of(), List.of());

    public Expect {
        status = List.copyOf(status);
        contains = List.copyOf(contains);
        notContains = List.copyOf(notContains);
    }

    public boolean statusAccepted(int code) {
        return status.isEmpty() ? code >= 200 && code <= 299 : status.contains(code);
    }
}
