package dev.mopo.datasets.source;

import java.io.IOException;
import java.nio.file.Path;

/** Closes a chain of resources in order, keeping the first failure and suppressing the rest. */
final class Closer {

    private Closer() {}

    static void closeAll(Path file, AutoCloseable first, AutoCloseable... rest) throws IOException {
        Exception failure = null;
        AutoCloseable[] all = new AutoCloseable[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        for (AutoCloseable resource : all) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof IOException) {
            throw (IOException) failure;
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure != null) {
            throw new IOException("closing " + file + " failed", failure);
        }
    }
}
