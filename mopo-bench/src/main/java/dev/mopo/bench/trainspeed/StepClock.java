package dev.mopo.bench.trainspeed;

import dev.mopo.djl.train.StepRecord;
import dev.mopo.djl.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Times a training run from the outside: the wall clock when training starts and when each
 * optimiser step has ended (its metrics written), so a step's time is everything the loop does
 * between two step ends, as a TRL {@code TrainerCallback} sees it.
 */
final class StepClock implements TrainingListener {

    private final Consumer<String> log;
    private final List<Double> seconds = new ArrayList<>();
    private final List<Long> tokens = new ArrayList<>();
    private long lastEnd;
    private long totalSteps;

    /** A clock that reports each step to {@code log}. */
    StepClock(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public void onStart(long firstStep, long totalSteps) {
        this.totalSteps = totalSteps;
        lastEnd = System.nanoTime();
    }

    @Override
    public void onStep(StepRecord record) {
        long now = System.nanoTime();
        double wall = (now - lastEnd) / 1e9;
        lastEnd = now;
        seconds.add(wall);
        tokens.add(Math.round(record.tokensPerSecond() * record.seconds()));
        log.accept(String.format(Locale.ROOT, "step %d/%d: %.3f s", record.step(), totalSteps, wall));
    }

    /** Seconds of every step after the first {@code skipped}. */
    List<Double> secondsAfter(int skipped) {
        return new ArrayList<>(seconds.subList(Math.min(skipped, seconds.size()), seconds.size()));
    }

    /** The non-padding tokens of every step after the first {@code skipped}. */
    List<Long> tokensAfter(int skipped) {
        return new ArrayList<>(tokens.subList(Math.min(skipped, tokens.size()), tokens.size()));
    }
}
