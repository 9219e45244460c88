package org.watchpost.agent.eval;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.watchpost.agent.e2e.PageServer;

/**
 * Every live failure's snippet (what a visitor saw of it) inside realistic institutional pages of 30 to 150 KB, at
 * the top, in a sidebar widget, mid-article and after {@code </html>}, served as 200 pages: the way a failing widget,
 * an include or a late fatal error shows up on a real page. The host pages alone are in the set too, and must be up.
 */
final class SizedPages {
    static final String HOST_ALONE = "host page alone";

    private SizedPages() {
    }

    /** A live failure page to embed: where it came from, what it should be called, and what the visitor saw. */
    record Snippet(String source, Expected expected, String html) {
    }

    /** The snippets of the live failures that had a body (a blank page has nothing to embed). */
    static List<Snippet> snippets(List<Sample.Judged> live) {
        List<Snippet> out = new ArrayList<>();
        for (Sample.Judged j : live) {
            if (j.sample().set() != MaterialSet.LIVE || !j.failure()) {
                continue;
            }
            String html = HostPages.snippet(new String(j.outcome().body(), StandardCharsets.UTF_8));
            if (!html.isBlank()) {
                out.add(new Snippet(j.sample().group() + ": " + j.sample().name(), j.sample().expected(), html));
            }
        }
        return out;
    }

    static List<Sample.Judged> judge(DetectorUnderTest agent, PageServer pages, ExecutorService pool,
                                     List<Snippet> snippets) {
        List<Sample> samples = new ArrayList<>();
        List<Supplier<Outcome>> checks = new ArrayList<>();
        for (int size : HostPages.SIZES) {
            String host = HostPages.page(size);
            String band = HostPages.band(size);
            URI alone = pages.put("/sized/" + size + "/host.html", 200, "text/html; charset=utf-8",
                    host.getBytes(StandardCharsets.UTF_8));
            checks.add(() -> agent.check(alone));
            samples.add(new Sample(MaterialSet.SIZES, band, "institutional page of " + band + " alone",
                    Expected.HEALTHY, band, HOST_ALONE));
            for (int k = 0; k < snippets.size(); k++) {
                Snippet s = snippets.get(k);
                for (HostPages.Position where : HostPages.Position.values()) {
                    String page = HostPages.embed(host, s.html(), where);
                    URI url = pages.put("/sized/" + size + "/" + k + "-" + where.name().toLowerCase(Locale.ROOT)
                            + ".html", 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
                    checks.add(() -> agent.check(url));
                    samples.add(new Sample(MaterialSet.SIZES, band, s.source() + " @ " + where.label + " of "
                            + band, s.expected(), band, where.label));
                }
            }
        }
        return Parallel.judge(pool, samples, checks);
    }
}
