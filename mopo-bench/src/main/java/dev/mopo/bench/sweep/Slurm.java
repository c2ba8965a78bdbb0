package dev.mopo.bench.sweep;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The SLURM commands a sweep uses: submitting a batch script and asking about jobs ({@link SlurmCommands}). */
public interface Slurm {

    /**
     * Submits {@code script} ({@code sbatch}).
     *
     * @return the job id
     * @throws IOException when the scheduler refuses it, with its message
     */
    String submit(String script) throws IOException;

    /**
     * The queued job-array tasks ({@code squeue}): {@code JOB_INDEX} (e.g. {@code 812_3}) → state
     * ({@code PENDING}, {@code RUNNING}, ...); empty when the queue cannot be read (no {@code squeue}, or
     * no controller answering).
     */
    Optional<Map<String, String>> queue();

    /**
     * The states accounting recorded ({@code sacct}) for the tasks of {@code jobIds}: {@code JOB_INDEX} →
     * state ({@code COMPLETED}, {@code FAILED}, {@code CANCELLED}, {@code TIMEOUT}, ...); empty when there
     * is no accounting.
     */
    Map<String, String> accounting(Collection<String> jobIds);
}
