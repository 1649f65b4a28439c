package org.flushcheck.scenario;

/**
 * Bad scenario input, as one line a user can act on: {@code FILE:LINE: FIELD: problem}.
 */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ScenarioException(String source, int line, String field, String problem) {
        super(source + ":" + line + ": " + field + ": " + problem);
    }

    public ScenarioException(String message) {
        super(message);
    }
}
