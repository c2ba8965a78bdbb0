package dev.mopo.cli.eval;

import dev.mopo.bench.score.ScorerSpec;
import dev.mopo.cli.Suggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scorers as the command line and sweep files write them: {@code NAME=reward-model:DIR[#LABEL]},
 * {@code NAME=command:PROGRAM [ARGS...]} (words split as a shell splits them, with '...', "..." and
 * backslash quoting) and {@code [NAME=]java:ID}. A relative reward-model folder, and a program path holding a
 * slash, are resolved against a base folder (a sweep file's); the command runs in the current folder.
 */
public final class ScorerArguments {

    private static final List<String> KINDS = List.of("reward-model", "command", "java");
    private static final String FORMS = "NAME=reward-model:DIR[#LABEL], NAME=command:PROGRAM [ARGS...] or [NAME=]java:ID";

    private ScorerArguments() {}

    /**
     * The scorer {@code text} describes.
     *
     * @throws IllegalArgumentException one line quoting {@code text} and what is wrong with it
     */
    public static ScorerSpec parse(String text, Path base) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw error(text, "expected " + FORMS);
        }
        String head = text.substring(0, colon);
        String rest = text.substring(colon + 1).trim();
        int equals = head.indexOf('=');
        String name = equals < 0 ? null : head.substring(0, equals).trim();
        String kind = head.substring(equals + 1).trim();
        if (!KINDS.contains(kind)) {
            throw error(text, "unknown scorer kind '" + kind + "'" + Suggestions.didYouMean(kind, KINDS) + "; expected "
                    + FORMS);
        }
        if (rest.isEmpty()) {
            throw error(text, "nothing after " + kind + ":");
        }
        try {
            switch (kind) {
                case "java":
                    return ScorerSpec.provided(name == null ? rest : name, rest);
                case "reward-model":
                    int hash = rest.lastIndexOf('#');
                    Path folder = base.resolve(hash < 0 ? rest : rest.substring(0, hash)).normalize();
                    return ScorerSpec.rewardModel(named(name, text), folder, hash < 0 ? null : rest.substring(hash + 1));
                default:
                    List<String> words = words(rest, text);
                    String program = words.get(0);
                    if (program.contains("/") && !Path.of(program).isAbsolute()) {
                        words.set(0, base.resolve(program).normalize().toString());
                    }
                    return ScorerSpec.command(named(name, text), words);
            }
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("scorer '" + text + "'") ? e : error(text, e.getMessage());
        }
    }

    private static String named(String name, String text) {
        if (name == null || name.isEmpty()) {
            throw error(text, "name it: NAME=" + text);
        }
        return name;
    }

    /**
     * {@code text} split into words at unquoted whitespace, as a POSIX shell splits it: quotes removed, nothing
     * escaped inside '...', a backslash escaping the next character outside quotes and, inside "...", a
     * {@code "}, {@code \\}, {@code $} or {@code `}.
     */
    static List<String> words(String text, String whole) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escapes = c == '\\' && i + 1 < text.length() && quote != '\''
                    && (quote == 0 || "\"\\$`".indexOf(text.charAt(i + 1)) >= 0);
            if (escapes) {
                word = word == null ? new StringBuilder() : word;
                word.append(text.charAt(++i));
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw error(whole, "a quote (" + quote + ") is not closed");
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static IllegalArgumentException error(String text, String problem) {
        return new IllegalArgumentException("scorer '" + text + "': " + problem);
    }
}
