package io.netloom.ops.bench.signin;

import java.util.Map;
import java.util.TreeMap;

/** Refused steps of the sign-ins, counted by what the server answered (the first words of the refusal). */
final class Failures {

    private final Map<String, Integer> byAnswer = new TreeMap<>();

    synchronized void count(RuntimeException refusal) {
        byAnswer.merge(kind(String.valueOf(refusal.getMessage())), 1, Integer::sum);
    }

    synchronized void reset() {
        byAnswer.clear();
    }

    synchronized int total() {
        return byAnswer.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public synchronized String toString() {
        return byAnswer.isEmpty() ? "no failures" : total() + " failed " + byAnswer;
    }

    /** "approving ABCD-EFGH answered 404 : {...}" and "token exchange answered 404: {...}" to their step and status. */
    static String kind(String message) {
        String[] answered = message.split(" answered ", 2);
        if (answered.length < 2) {
            return "no answer: " + message.substring(0, Math.min(message.length(), 60));
        }
        String step = message.startsWith("approving") ? "confirmation" : answered[0];
        return step + " " + answered[1].split("[ :]", 2)[0];
    }
}
