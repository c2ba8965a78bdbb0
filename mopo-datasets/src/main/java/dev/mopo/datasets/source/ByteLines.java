package dev.mopo.datasets.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Splits a byte stream into {@code '\n'}-terminated lines without decoding them, so that each
 * line can be decoded strictly on its own. A compressed stream that ends early (an
 * {@link EOFException} or a {@link ZipException} from the inflater) keeps every complete line
 * read before the cut, then yields the incomplete rest once, marked truncated.
 */
final class ByteLines {

    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private int scanned;
    private boolean eof;
    private String cut;

    private int lineStart;
    private int lineLength;
    private String lineCut;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false after the last. */
    boolean next() throws IOException {
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    setLine(start, i - start, null);
                    start = i + 1;
                    scanned = start;
                    return true;
                }
            }
            scanned = end;
            if (eof) {
                if (start == end && cut == null) {
                    return false;
                }
                setLine(start, end - start, cut);
                cut = null;
                start = end;
                return true;
            }
            fill();
        }
    }

    /** The bytes of the current line are {@code buffer()[offset(), offset() + length())}. */
    byte[] buffer() {
        return buffer;
    }

    int offset() {
        return lineStart;
    }

    int length() {
        return lineLength;
    }

    /** Why the stream ended inside the current line, or null when the line is complete. */
    String truncation() {
        return lineCut;
    }

    private void setLine(int offset, int length, String truncation) {
        lineStart = offset;
        lineLength = length;
        lineCut = truncation;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            scanned -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        try {
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                eof = true;
            } else {
                end += read;
            }
        } catch (EOFException e) {
            cut = "the compressed stream ends before its trailer (" + e.getMessage() + ")";
            eof = true;
        } catch (ZipException e) {
            cut = "the compressed stream is corrupt (" + e.getMessage() + ")";
            eof = true;
        }
    }
}
