package org.watchpost.agent.journal;

import java.nio.file.Path;

/** Takes the data directory lock, says so, and holds it until killed. */
public final class LockHolderChild {
    private LockHolderChild() {
    }

    public static void main(String[] args) throws Exception {
        DataDirLock lock = DataDirLock.acquire(Path.of(args[0]));
        System.out.println("locked " + lock.held());
        System.out.flush();
        Thread.currentThread().join();
    }
}
