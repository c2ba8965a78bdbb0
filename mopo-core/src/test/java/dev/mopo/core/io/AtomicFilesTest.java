package dev.mopo.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path folder;

    @Test
    void replacesTheFileWithTheUmasksPermissionsAndLeavesNoTemporaryBehind() throws Exception {
        Path target = folder.resolve("report.json");
        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second");
        assertEquals("second", Files.readString(target));
        Path plain = Files.createFile(folder.resolve("plain.txt"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target),
                "an atomically written file must get the permissions any new file gets");
        try (var entries = Files.list(folder)) {
            assertEquals(2, entries.count(), "only the target and the plain file remain");
        }
    }
}
