package dev.mopo.datasets.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mopo.datasets.reject.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * JSON Lines, plain or gzip'd: one JSON object per line. Each line is decoded as strict UTF-8
 * (a malformed byte rejects the line as {@code invalid_utf8}) and parsed as exactly one object
 * ({@code malformed_json} otherwise, including blank lines, trailing garbage and duplicate keys).
 * {@code NaN} and {@code Infinity} are read as numbers, as Python's {@code json} writes them.
 */
final class JsonLinesSource implements RowSource {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Path file;
    private final InputStream in;
    private final ByteLines lines;
    private long row;

    JsonLinesSource(Path file, InputStream in, long firstRow) {
        this.file = file;
        this.in = in;
        this.lines = new ByteLines(in);
        this.row = firstRow;
    }

    @Override
    public SourceRow next() throws IOException {
        if (!lines.next()) {
            return null;
        }
        long index = row++;
        if (lines.truncation() != null) {
            return SourceRow.failed(file, index, RejectReason.TRUNCATED_INPUT, lines.truncation());
        }
        String text;
        try {
            text = Utf8.decode(lines.buffer(), lines.offset(), lines.length());
        } catch (Utf8.MalformedException e) {
            return SourceRow.failed(file, index, RejectReason.INVALID_UTF8, e.getMessage());
        }
        if (text.isBlank()) {
            return SourceRow.failed(file, index, RejectReason.MALFORMED_JSON, "the line is blank");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return SourceRow.failed(file, index, RejectReason.MALFORMED_JSON, e.getOriginalMessage());
        }
        if (!node.isObject()) {
            return SourceRow.failed(file, index, RejectReason.MALFORMED_JSON,
                    "the line is a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT)
                            + ", not an object");
        }
        return SourceRow.of(file, index, new JsonRecord(node));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
