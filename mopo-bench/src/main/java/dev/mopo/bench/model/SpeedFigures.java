package dev.mopo.bench.model;

import dev.mopo.bench.measure.FiguresFile;
import dev.mopo.bench.measure.ProcessMemory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What one forward+backward speed run measured, in the JSON form both {@code mopo bench
 * model-speed --json} and {@code scripts/llama_speed.py --json} write (snake_case keys).
 *
 * @param implementation who ran it, with versions
 * @param threads intra-op threads
 * @param batch sequences per step
 * @param sequence tokens per sequence
 * @param parameters the model's parameter count
 * @param steps timed steps (after warm-up)
 * @param msPerStep mean wall time of a timed step
 * @param tokensPerSecond {@code batch · sequence} tokens per step over the mean step time
 * @param peakRssBytes the process's peak resident set size
 * @param loss the last step's mean next-token cross-entropy
 */
public record SpeedFigures(String implementation, int threads, int batch, int sequence, long parameters, int steps,
        double msPerStep, double tokensPerSecond, long peakRssBytes, double loss) {


    /** Reads figures a run wrote. */
    public static SpeedFigures read(Path file) throws IOException {
        return FiguresFile.read(file, SpeedFigures.class);
    }

    /** Writes these figures. */
    public void write(Path file) throws IOException {
        FiguresFile.write(file, this);
    }

    /** One line: tokens/s, ms/step, peak RSS and loss. */
    public String summary() {
        return String.format(Locale.ROOT, "%,.0f tokens/s, %.0f ms/step, peak RSS %s, loss %.4f", tokensPerSecond,
                msPerStep, ProcessMemory.gib(peakRssBytes), loss);
    }
}
