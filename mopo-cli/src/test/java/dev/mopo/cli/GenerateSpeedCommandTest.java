package dev.mopo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mopo bench generate} on a tiny fixture model: rounds, figures, JSON and the comparison. */
class GenerateSpeedCommandTest {

    private static final Path MODEL = Path.of("..", "mopo-djl", "src", "test", "resources", "models", "llama-mha");

    @Test
    void printsRoundsFiguresAndTheRatio(@TempDir Path dir) throws Exception {
        Path torch = Files.writeString(dir.resolve("torch.json"), "{\"implementation\": \"transformers (test)\","
                + " \"model\": \"" + MODEL.toAbsolutePath().normalize() + "\", \"attention\": \"sdpa\", \"threads\": 1,"
                + " \"batch\": 2, \"prompt_tokens\": 4, \"new_tokens\": 3, \"parameters\": 0, \"seed\": 1,"
                + " \"warmup_rounds\": 1, \"rounds\": 1, \"seconds_per_round\": 1.0, \"ms_per_new_token_step\": 333.3,"
                + " \"tokens_per_second\": 6.0, \"peak_rss_bytes\": 1073741824}");
        Path json = dir.resolve("mopo.json");
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            status = MopoCommand.commandLine().execute("bench", "generate", "--model", MODEL.toString(), "--batch", "2",
                    "--prompt-tokens", "4", "--new-tokens", "3", "--rounds", "1", "--threads", "1", "--json",
                    json.toString(), "--compare", torch.toString());
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        assertTrue(text.contains("using the model in") && text.contains("warm-up: ") && text.contains("round 1/1: "), text);
        assertTrue(text.contains("WARNING: the runs differ in parameters: "), text);
        assertTrue(text.contains("mopo / transformers tokens/s: ") && text.contains("mopo / transformers peak RSS: "), text);
        assertEquals(3, new ObjectMapper().readTree(json.toFile()).get("new_tokens").asInt());
    }
}
