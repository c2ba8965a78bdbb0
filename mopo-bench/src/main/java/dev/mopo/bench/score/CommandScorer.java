package dev.mopo.bench.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An external program as a scorer, speaking JSON lines: mopo writes one request per line to its
 * standard input, {@code {"prompt": "...", "response": "..."}}, and reads one reply per line from
 * its standard output, {@code {"score": 0.7}} (one objective, named after the scorer) or
 * {@code {"scores": {"helpful": 0.7, "harmless": -1.2}}} (objectives named by the keys, the same in
 * every reply). The program answers each line as it arrives and flushes its output after every
 * reply (Python: {@code print(json.dumps(reply), flush=True)}); it runs until its input closes.
 * Its standard error is kept (the last lines) for messages.
 *
 * <p>A program that exits, answers something that is not such a reply, or does not answer within
 * the reply timeout (10 minutes) fails the call with a {@link ScorerException} naming the scorer and
 * the request.
 */
public final class CommandScorer implements Scorer {

    /** How long a reply may take. */
    static final Duration REPLY_TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STDERR_LINES = 5;
    private static final Object END = new Object();

    private final String name;
    private final List<String> command;
    private final Duration timeout;
    private final Process process;
    private final BufferedWriter input;
    private final BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
    private final Deque<String> errors = new ArrayDeque<>();
    private final Thread outputReader;
    private final Thread errorReader;
    /** The objectives of the first reply, which every reply must give; null before it. */
    private List<String> objectives;
    /** Whether the first reply was {"score": ...}. */
    private boolean single;

    private CommandScorer(String name, List<String> command, Duration timeout, Process process) {
        this.name = name;
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.process = process;
        this.input = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.outputReader = daemon("mopo-scorer-" + name + "-out", () -> {
            try (BufferedReader lines = reader(process.getInputStream())) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    replies.add(line);
                }
            } catch (IOException e) {
                // the process went away: the end is reported below
            }
            replies.add(END);
        });
        this.errorReader = daemon("mopo-scorer-" + name + "-err", () -> {
            try (BufferedReader lines = reader(process.getErrorStream())) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (errors) {
                        errors.addLast(line);
                        if (errors.size() > STDERR_LINES) {
                            errors.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // nothing more to keep
            }
        });
    }

    /**
     * Starts {@code command} (the program, then its arguments) in the current folder.
     *
     * @param name the scorer's name, for messages and for the objective of {@code {"score": ...}} replies
     * @throws ScorerException when the program cannot be started
     */
    public static CommandScorer start(String name, List<String> command) throws ScorerException {
        return start(name, command, REPLY_TIMEOUT);
    }

    static CommandScorer start(String name, List<String> command, Duration timeout) throws ScorerException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("scorer '" + name + "': the command is empty");
        }
        try {
            return new CommandScorer(name, command, timeout, new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new ScorerException("scorer '" + name + "' (command: " + String.join(" ", command)
                    + ") cannot be started: " + e.getMessage(), Map.of(), e);
        }
    }

    @Override
    public Map<String, double[]> score(List<ScoreRequest> requests) throws ScorerException {
        List<Map<String, Double>> answers = new ArrayList<>(requests.size());
        for (ScoreRequest request : requests) {
            try {
                answers.add(ask(request));
            } catch (ScorerException e) {
                throw new ScorerException(e.getMessage(), columns(answers), e.getCause());
            }
        }
        return columns(answers);
    }

    /** Replies as columns: objective → one score per reply. */
    private Map<String, double[]> columns(List<Map<String, Double>> answers) {
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (String objective : objectives == null ? List.<String>of() : objectives) {
            double[] column = new double[answers.size()];
            for (int i = 0; i < column.length; i++) {
                column[i] = answers.get(i).get(objective);
            }
            scores.put(objective, column);
        }
        return scores;
    }

    private Map<String, Double> ask(ScoreRequest request) throws ScorerException {
        ObjectNode line = JSON.createObjectNode().put("prompt", request.prompt()).put("response", request.response());
        try {
            input.write(line.toString());
            input.write('\n');
            input.flush();
        } catch (IOException e) {
            throw exited(request);
        }
        Object reply;
        try {
            reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScorerException(prefix() + " was interrupted while scoring " + request.describe(), Map.of(), e);
        }
        if (reply == null) {
            throw new ScorerException(prefix() + " gave no reply within " + timeout.toSeconds() + " s to "
                    + request.describe() + " (does it flush its output after every line?)");
        }
        if (reply == END) {
            throw exited(request);
        }
        return parse((String) reply, request);
    }

    private Map<String, Double> parse(String text, ScoreRequest request) throws ScorerException {
        JsonNode reply;
        try {
            reply = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed(text, request, "not JSON");
        }
        boolean hasScore = reply != null && reply.isObject() && reply.has("score");
        boolean hasScores = reply != null && reply.isObject() && reply.has("scores");
        if (hasScore == hasScores) {
            throw malformed(text, request, "expected {\"score\": NUMBER} or {\"scores\": {\"NAME\": NUMBER, ...}}");
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        if (hasScore) {
            scores.put(name, number(reply.get("score"), "score", text, request));
        } else {
            JsonNode named = reply.get("scores");
            if (!named.isObject() || named.isEmpty()) {
                throw malformed(text, request, "\"scores\" must be an object of NAME: NUMBER");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = named.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                scores.put(entry.getKey(), number(entry.getValue(), "scores." + entry.getKey(), text, request));
            }
        }
        if (objectives == null) {
            objectives = List.copyOf(scores.keySet());
            single = hasScore;
        } else if (single != hasScore) {
            throw malformed(text, request, "the first reply was " + (single ? "{\"score\": ...}" : "{\"scores\": ...}")
                    + ", every reply must be");
        } else if (!scores.keySet().equals(Set.copyOf(objectives))) {
            List<String> missing = new ArrayList<>(objectives);
            missing.removeAll(scores.keySet());
            throw malformed(text, request, missing.isEmpty()
                    ? "it names objectives the first reply did not (" + objectives + ")"
                    : "the key '" + missing.get(0) + "' of the first reply is missing");
        }
        return scores;
    }

    private Double number(JsonNode value, String key, String text, ScoreRequest request) throws ScorerException {
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw malformed(text, request, "\"" + key + "\" must be a finite number");
        }
        return value.asDouble();
    }

    private ScorerException malformed(String text, ScoreRequest request, String problem) {
        return new ScorerException(prefix() + " answered " + ScoreRequest.quote(text) + " to " + request.describe()
                + ": " + problem);
    }

    private ScorerException exited(ScoreRequest request) {
        String status;
        try {
            status = process.waitFor(5, TimeUnit.SECONDS) ? "exited with status " + process.exitValue()
                    : "closed its output";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = "closed its output";
        }
        return new ScorerException(prefix() + " " + status + " before answering " + request.describe()
                + lastError().map(line -> " (its last error line: " + ScoreRequest.quote(line) + ")").orElse(""));
    }

    private Optional<String> lastError() {
        try {
            errorReader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (errors) {
            return Optional.ofNullable(errors.peekLast());
        }
    }

    private String prefix() {
        return "scorer '" + name + "' (command: " + String.join(" ", command) + ")";
    }

    /** Closes the program's input and waits up to 10 s for it to exit, then ends it. */
    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            // the process has gone already
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            outputReader.join(1000);
            errorReader.join(1000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static BufferedReader reader(InputStream stream) {
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** {@link ScorerSpec#command}. */
    record Spec(String name, List<String> command) implements ScorerSpec {

        Spec {
            ScorerSpec.checkName(name);
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("scorer '" + name + "': give the program to run after command:");
            }
        }

        @Override
        public String describe() {
            return "command:" + String.join(" ", command);
        }

        @Override
        public Scorer open(ScorerContext context) throws ScorerException {
            return start(name, command);
        }
    }
}
