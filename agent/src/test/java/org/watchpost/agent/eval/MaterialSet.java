package org.watchpost.agent.eval;

/** The evaluation's material, each made a different way; see docs/DETECTION.md. */
enum MaterialSet {
    LIVE("Real stacks, live"),
    DISTRIBUTION("Distribution variants"),
    DOCUMENTATION("Real documentation as look-alikes"),
    SIZES("Real page sizes"),
    ENCODINGS("Encodings and languages"),
    BLIND("Blind set");

    final String title;

    MaterialSet(String title) {
        this.title = title;
    }
}
