package dev.mopo.bench.sweep;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link Slurm} through the commands on the {@code PATH}: {@code sbatch --parsable} with the script on
 * its standard input, {@code squeue -h -r -o %i|%T}, {@code sacct -n -P -X -o JobID,State}. They read
 * the cluster's configuration as they always do ({@code /etc/slurm/slurm.conf}, or {@code SLURM_CONF}).
 */
public final class SlurmCommands implements Slurm {

    private static final long TIMEOUT_SECONDS = 120;

    /** Whether {@code command} is an executable file in a folder of the {@code PATH}. */
    public static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String folder : path.split(File.pathSeparator)) {
            Path file = Path.of(folder.isEmpty() ? "." : folder).resolve(command);
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String submit(String script) throws IOException {
        if (!onPath("sbatch")) {
            throw new IllegalArgumentException("sbatch is not on the PATH: submit from a machine of the SLURM cluster"
                    + " (a login node), or add --dry-run to print the batch scripts");
        }
        Result result = run(List.of("sbatch", "--parsable"), script);
        if (result.status != 0) {
            throw new IOException("sbatch refused the job (status " + result.status + "): "
                    + result.err.strip().replace('\n', ' '));
        }
        String id = result.out.strip();
        int cluster = id.indexOf(';');
        id = cluster < 0 ? id : id.substring(0, cluster);
        if (!id.matches("\\d+")) {
            throw new IOException("sbatch answered '" + result.out.strip() + "', not a job id");
        }
        return id;
    }

    @Override
    public Optional<Map<String, String>> queue() {
        if (!onPath("squeue")) {
            return Optional.empty();
        }
        try {
            Result result = run(List.of("squeue", "-h", "-r", "-o", "%i|%T"), "");
            return result.status == 0 ? Optional.of(states(result.out)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Map<String, String> accounting(Collection<String> jobIds) {
        if (jobIds.isEmpty() || !onPath("sacct")) {
            return Map.of();
        }
        try {
            Result result = run(List.of("sacct", "-n", "-P", "-X", "-o", "JobID,State", "-j",
                    String.join(",", jobIds)), "");
            return result.status == 0 ? states(result.out) : Map.of();
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** {@code ID|STATE} lines; a state's qualifier ({@code CANCELLED by 0}) left out. */
    private static Map<String, String> states(String lines) {
        Map<String, String> states = new LinkedHashMap<>();
        for (String line : lines.split("\n")) {
            int bar = line.indexOf('|');
            if (bar > 0) {
                states.put(line.substring(0, bar).strip(), line.substring(bar + 1).strip().split(" ")[0]);
            }
        }
        return states;
    }

    private record Result(int status, String out, String err) {}

    private static Result run(List<String> command, String input) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not answer within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " was interrupted", e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
