package io.tally.rpc.json;

/** A JSON value that does not have the documented shape. The message names the field. */
public final class JsonFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public JsonFormatException(String message) {
        super(message, null, false, false);
    }
}
