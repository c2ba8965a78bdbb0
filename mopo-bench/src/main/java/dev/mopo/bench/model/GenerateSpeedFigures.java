package dev.mopo.bench.model;

import dev.mopo.bench.measure.FiguresFile;
import dev.mopo.bench.measure.ProcessMemory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What one greedy-generation throughput run measured, in the JSON form both {@code mopo bench generate
 * --json} and {@code scripts/generate_speed.py --json} write (snake_case keys; other keys are ignored).
 *
 * @param implementation who ran it, with versions
 * @param model the checkpoint folder
 * @param attention how attention was computed
 * @param threads PyTorch intra-op threads (inter-op: 1)
 * @param batch prompts per round
 * @param promptTokens tokens per prompt
 * @param newTokens tokens generated per prompt per round
 * @param parameters the model's parameter count
 * @param seed the seed of the prompt ids
 * @param warmupRounds untimed rounds first
 * @param rounds timed rounds
 * @param secondsPerRound mean wall time of a timed round (prefill included)
 * @param msPerNewTokenStep {@code secondsPerRound} over {@code newTokens}, in milliseconds
 * @param tokensPerSecond generated tokens ({@code batch · newTokens} a round) per second
 * @param peakRssBytes the process's peak resident set size ({@code VmHWM}), -1 when unknown
 */
public record GenerateSpeedFigures(String implementation, String model, String attention, int threads, int batch,
        int promptTokens, int newTokens, long parameters, long seed, int warmupRounds, int rounds,
        double secondsPerRound, double msPerNewTokenStep, double tokensPerSecond, long peakRssBytes) {


    /** Reads figures a run wrote. */
    public static GenerateSpeedFigures read(Path file) throws IOException {
        return FiguresFile.read(file, GenerateSpeedFigures.class);
    }

    /** Writes these figures. */
    public void write(Path file) throws IOException {
        FiguresFile.write(file, this);
    }

    /** One line: tokens/s, ms per step and peak RSS. */
    public String summary() {
        return String.format(Locale.ROOT, "%,.1f tokens/s, %.1f ms per step, peak RSS %s", tokensPerSecond,
                msPerNewTokenStep, ProcessMemory.mib(peakRssBytes));
    }
}
