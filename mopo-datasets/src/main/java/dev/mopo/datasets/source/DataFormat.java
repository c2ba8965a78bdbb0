package dev.mopo.datasets.source;

import dev.mopo.datasets.reject.DatasetFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The on-disk formats this module reads. {@link #detect} looks at the bytes, not the name:
 * {@code datasets.save_to_disk} writes Arrow IPC <em>streams</em> under a {@code .arrow}
 * name, which is also the usual name of an IPC <em>file</em>.
 */
public enum DataFormat {
    /** Apache Parquet (magic {@code PAR1}). */
    PARQUET,
    /** Arrow IPC random-access file (magic {@code ARROW1} at both ends). */
    ARROW_IPC_FILE,
    /** Arrow IPC stream (a sequence of messages, each starting {@code 0xFFFFFFFF}). */
    ARROW_IPC_STREAM,
    /** A {@code datasets.save_to_disk} folder: {@code state.json} names the Arrow shards in order. */
    HF_SAVE_TO_DISK,
    /** Any other folder: its data files in name order, read as one dataset. */
    DIRECTORY,
    /** JSON Lines. */
    JSONL,
    /** gzip'd JSON Lines (magic {@code 1F 8B}). */
    JSONL_GZIP;

    /** The format of a file or folder, from its first bytes. */
    public static DataFormat detect(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve("state.json")) ? HF_SAVE_TO_DISK : DIRECTORY;
        }
        if (!Files.isRegularFile(path)) {
            throw new DatasetFileException(path, DatasetFileException.UNREADABLE, "no such file or folder");
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (startsWith(head, n, 'P', 'A', 'R', '1')) {
            return PARQUET;
        }
        if (startsWith(head, n, 'A', 'R', 'R', 'O', 'W', '1')) {
            return ARROW_IPC_FILE;
        }
        if (n >= 4 && (head[0] & head[1] & head[2] & head[3] & 0xFF) == 0xFF) {
            return ARROW_IPC_STREAM;
        }
        if (n >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            return JSONL_GZIP;
        }
        int first = firstNonBlank(head, n);
        if (first < 0 || head[first] == '{') {
            return JSONL;
        }
        throw new DatasetFileException(path, DatasetFileException.UNSUPPORTED_FORMAT, describe(head, n, first));
    }

    private static String describe(byte[] head, int n, int first) {
        if (n >= 6 && (head[0] & 0xFF) == 0xFD && head[1] == '7' && head[2] == 'z' && head[3] == 'X') {
            return "the file is xz-compressed; decompress it first (xz -d)";
        }
        if (n >= 4 && (head[0] & 0xFF) == 0x28 && (head[1] & 0xFF) == 0xB5 && (head[2] & 0xFF) == 0x2F) {
            return "the file is zstd-compressed; decompress it first (zstd -d)";
        }
        if (head[first] == '[') {
            return "the file is one JSON array, not JSON Lines (one object per line)";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            hex.append(String.format("%02X ", head[i] & 0xFF));
        }
        return "the first bytes (" + hex.toString().trim() + ") are not Parquet, Arrow IPC, gzip or JSON Lines";
    }

    private static boolean startsWith(byte[] head, int n, char... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static int firstNonBlank(byte[] head, int n) {
        for (int i = 0; i < n; i++) {
            if (head[i] != ' ' && head[i] != '\t' && head[i] != '\r' && head[i] != '\n') {
                return i;
            }
        }
        return -1;
    }
}
