package dev.mopo.bench.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What each SLURM task of a sweep asks the scheduler for: the {@code slurm:} block of a sweep file.
 * Training and evaluation tasks get all of it; the report task (which reads JSON files only) one
 * CPU and no GPU.
 *
 * @param partition {@code --partition}, or null for the cluster's default ({@code partition})
 * @param gpus GPUs per task, {@code --gres=gpu:N}; 0 for none ({@code gpus}, default 0)
 * @param cpus {@code --cpus-per-task}, at least 1 ({@code cpus}, default 1)
 * @param memory {@code --mem}: a number with an optional unit K, M, G or T (e.g. {@code 32G}), or null for the
 *     partition's default ({@code memory})
 * @param time {@code --time}: {@code MM}, {@code HH:MM:SS} or {@code D-HH:MM:SS} (e.g. {@code 12:00:00}), or
 *     null for the partition's default ({@code time})
 * @param sbatchOptions further {@code sbatch} options, each one {@code --name=value} (e.g.
 *     {@code --account=nlp}) ({@code sbatch_options})
 */
public record SlurmResources(String partition, int gpus, int cpus, String memory, String time,
        List<String> sbatchOptions) {

    /** No request beyond one CPU: the cluster's defaults. */
    public static final SlurmResources DEFAULT = new SlurmResources(null, 0, 1, null, null, List.of());

    private static final Pattern MEMORY = Pattern.compile("\\d+[KMGT]?");
    private static final Pattern TIME = Pattern.compile("(\\d+-)?\\d+(:\\d{2}){0,2}|UNLIMITED");
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*(=\\S+)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /**
     * Checks each value.
     *
     * @throws IllegalArgumentException one line naming the key and the form it takes
     */
    public SlurmResources {
        if (partition != null && !NAME.matcher(partition).matches()) {
            throw new IllegalArgumentException("slurm.partition: '" + partition + "' is not a partition name");
        }
        if (gpus < 0) {
            throw new IllegalArgumentException("slurm.gpus must be >= 0, got " + gpus);
        }
        if (cpus < 1) {
            throw new IllegalArgumentException("slurm.cpus must be >= 1, got " + cpus);
        }
        if (memory != null && !MEMORY.matcher(memory).matches()) {
            throw new IllegalArgumentException("slurm.memory: '" + memory + "' is not a size; write e.g. 32G or 4000M");
        }
        if (time != null && !TIME.matcher(time).matches()) {
            throw new IllegalArgumentException("slurm.time: '" + time + "' is not a time limit; write e.g. 90,"
                    + " 12:00:00 or 2-00:00:00");
        }
        sbatchOptions = List.copyOf(sbatchOptions);
        for (String option : sbatchOptions) {
            if (!OPTION.matcher(option).matches()) {
                throw new IllegalArgumentException("slurm.sbatch_options: '" + option + "' is not one sbatch option;"
                        + " write each as --name=value, e.g. --account=nlp");
            }
        }
    }

    /** The same request with one CPU and no GPU, for the report. */
    SlurmResources light() {
        return new SlurmResources(partition, 0, 1, memory, time, sbatchOptions);
    }

    /** The {@code #SBATCH} options of this request, one per element. */
    List<String> options() {
        List<String> options = new ArrayList<>();
        if (partition != null) {
            options.add("--partition=" + partition);
        }
        options.add("--cpus-per-task=" + cpus);
        if (gpus > 0) {
            options.add("--gres=gpu:" + gpus);
        }
        if (memory != null) {
            options.add("--mem=" + memory);
        }
        if (time != null) {
            options.add("--time=" + time);
        }
        options.addAll(sbatchOptions);
        return options;
    }
}
