package dev.mopo.bench.demo;

/**
 * A demo preference pair: a question and two answers, as the demo's objectives read it.
 *
 * @param question the question asked
 * @param a the first answer
 * @param b the second answer
 */
public record Exchange(Question question, String a, String b) {}
