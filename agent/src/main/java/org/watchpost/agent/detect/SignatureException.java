package org.watchpost.agent.detect;

import java.util.List;

/** Signature files could not be used; carries every problem, each naming its file and signature. */
public final class SignatureException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public SignatureException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
