package dev.mopo.datasets.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Python {@code str} methods Hugging Face chat templates call ({@code content.strip()},
 * {@code role.startswith('u')}, {@code text.split()} …), with Python's semantics, for strings
 * that in Java have no such methods.
 */
final class PythonStrings {

    /** The method names handled here. */
    static final Set<String> METHODS = Set.of("strip", "lstrip", "rstrip", "startswith", "endswith", "upper",
            "lower", "title", "capitalize", "split", "rsplit", "splitlines", "replace", "find", "rfind", "count",
            "join", "isspace", "isdigit", "isalpha", "isalnum", "isupper", "islower");

    private PythonStrings() {}

    /** Calls {@code method} on {@code s}; the method must be in {@link #METHODS}. */
    static Object call(String s, String method, Object[] args) {
        switch (method) {
            case "strip":
                return rstrip(lstrip(s, chars(args)), chars(args));
            case "lstrip":
                return lstrip(s, chars(args));
            case "rstrip":
                return rstrip(s, chars(args));
            case "startswith":
                return affix(s, arg(args, 0, method), true);
            case "endswith":
                return affix(s, arg(args, 0, method), false);
            case "upper":
                return s.toUpperCase(Locale.ROOT);
            case "lower":
                return s.toLowerCase(Locale.ROOT);
            case "title":
                return title(s);
            case "capitalize":
                return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT)
                        + s.substring(1).toLowerCase(Locale.ROOT);
            case "split":
                return split(s, args.length > 0 ? args[0] : null, args.length > 1 ? toInt(args[1]) : -1, false);
            case "rsplit":
                return split(s, args.length > 0 ? args[0] : null, args.length > 1 ? toInt(args[1]) : -1, true);
            case "splitlines":
                return splitLines(s);
            case "replace":
                return replace(s, String.valueOf(arg(args, 0, method)), String.valueOf(arg(args, 1, method)),
                        args.length > 2 ? toInt(args[2]) : -1);
            case "find":
                return (long) s.indexOf(String.valueOf(arg(args, 0, method)));
            case "rfind":
                return (long) s.lastIndexOf(String.valueOf(arg(args, 0, method)));
            case "count":
                return count(s, String.valueOf(arg(args, 0, method)));
            case "join":
                return join(s, arg(args, 0, method));
            case "isspace":
                return !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
            case "isdigit":
                return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isalpha":
                return !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "isalnum":
                return !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
            case "isupper":
                return s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase(Locale.ROOT));
            case "islower":
                return s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase(Locale.ROOT));
            default:
                throw new IllegalArgumentException("str has no method '" + method + "'");
        }
    }

    private static Object arg(Object[] args, int i, String method) {
        if (args.length <= i) {
            throw new IllegalArgumentException("str." + method + "() needs argument " + (i + 1));
        }
        return args[i];
    }

    private static String chars(Object[] args) {
        return args.length == 0 || args[0] == null ? null : String.valueOf(args[0]);
    }

    private static boolean stripped(int c, String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    private static String lstrip(String s, String chars) {
        int start = 0;
        while (start < s.length() && stripped(s.charAt(start), chars)) {
            start++;
        }
        return s.substring(start);
    }

    private static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0 && stripped(s.charAt(end - 1), chars)) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean affix(String s, Object affixes, boolean prefix) {
        if (affixes instanceof Collection) {
            for (Object affix : (Collection<?>) affixes) {
                if (affix(s, affix, prefix)) {
                    return true;
                }
            }
            return false;
        }
        String affix = String.valueOf(affixes);
        return prefix ? s.startsWith(affix) : s.endsWith(affix);
    }

    private static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(previousCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousCased = Character.isLetter(c);
        }
        return out.toString();
    }

    private static List<String> split(String s, Object separator, int maxSplit, boolean fromRight) {
        List<String> parts = new ArrayList<>();
        if (separator == null) {
            String rest = s.strip();
            while (!rest.isEmpty()) {
                if (maxSplit >= 0 && parts.size() == maxSplit) {
                    parts.add(rest);
                    return parts;
                }
                int end = 0;
                while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
                    end++;
                }
                parts.add(rest.substring(0, end));
                rest = rest.substring(end).stripLeading();
            }
            return parts;
        }
        String sep = String.valueOf(separator);
        if (sep.isEmpty()) {
            throw new IllegalArgumentException("str.split(): empty separator");
        }
        if (fromRight && maxSplit >= 0) {
            int end = s.length();
            List<String> reversed = new ArrayList<>();
            while (reversed.size() < maxSplit) {
                int at = s.lastIndexOf(sep, end - sep.length());
                if (at < 0) {
                    break;
                }
                reversed.add(s.substring(at + sep.length(), end));
                end = at;
            }
            reversed.add(s.substring(0, end));
            for (int i = reversed.size() - 1; i >= 0; i--) {
                parts.add(reversed.get(i));
            }
            return parts;
        }
        int start = 0;
        while (maxSplit < 0 || parts.size() < maxSplit) {
            int at = s.indexOf(sep, start);
            if (at < 0) {
                break;
            }
            parts.add(s.substring(start, at));
            start = at + sep.length();
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static List<String> splitLines(String s) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(s.substring(start, i));
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }

    private static String replace(String s, String old, String replacement, int count) {
        if (count < 0) {
            return s.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder();
        int start = 0;
        for (int done = 0; done < count; done++) {
            int at = s.indexOf(old, start);
            if (at < 0 || old.isEmpty()) {
                break;
            }
            out.append(s, start, at).append(replacement);
            start = at + old.length();
        }
        return out.append(s.substring(start)).toString();
    }

    private static long count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.length() + 1L;
        }
        long n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    private static String join(String separator, Object items) {
        if (!(items instanceof Collection)) {
            throw new IllegalArgumentException("str.join() needs a list, got " + items);
        }
        List<String> parts = new ArrayList<>();
        for (Object item : (Collection<?>) items) {
            parts.add(String.valueOf(item));
        }
        return String.join(separator, parts);
    }

    private static int toInt(Object value) {
        return value instanceof Number ? ((Number) value).intValue() : Integer.parseInt(String.valueOf(value));
    }
}
