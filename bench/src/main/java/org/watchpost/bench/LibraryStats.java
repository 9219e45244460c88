package org.watchpost.bench;

import java.util.Locale;
import org.watchpost.agent.detect.AnchorAutomaton;
import org.watchpost.agent.detect.BenchAccess;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.testpages.InstitutionalPage;

/**
 * Prints the size of the body automaton for the library at each size of {@link LibrarySizeBenchmark}, as a Markdown
 * table: {@code java -cp bench/target/benchmarks.jar org.watchpost.bench.LibraryStats [signatures ...]}.
 */
public final class LibraryStats {
    private LibraryStats() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {0, 600, 2800, 6000} : new int[args.length];
        for (int i = 0; i < args.length; i++) {
            sizes[i] = Integer.parseInt(args[i]);
        }
        byte[] page = InstitutionalPage.generate(200_000, InstitutionalPage.SEED);
        System.out.println("| library | signatures | anchors | body patterns | states | dense states | table bytes "
                + "| load + compile | hits on the 200KB page |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int size : sizes) {
            // Twice: the first run also pays for class loading and a cold JIT.
            SyntheticLibrary.ofSize(size, InstitutionalPage.SEED);
            long start = System.nanoTime();
            SignatureLibrary library = SyntheticLibrary.ofSize(size, InstitutionalPage.SEED);
            long ms = (System.nanoTime() - start) / 1_000_000;
            AnchorAutomaton a = BenchAccess.bodyAutomaton(library);
            int anchors = library.signatures().stream().mapToInt(s -> s.anchors().size()).sum();
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %s | %d ms | %d |%n", size == 0 ? "built-in" : size,
                    library.signatures().size(), anchors, a.patternCount(), a.stateCount(), a.denseStateCount(),
                    bytes(a.tableBytes()), ms, BenchAccess.signatureHits(library, page, 200));
        }
    }

    static String describe(SignatureLibrary library, AnchorAutomaton a) {
        return String.format(Locale.ROOT, "%d signatures, %d body patterns, %d states (%d dense), %s of tables",
                library.signatures().size(), a.patternCount(), a.stateCount(), a.denseStateCount(),
                bytes(a.tableBytes()));
    }

    private static String bytes(long b) {
        if (b >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    }
}
