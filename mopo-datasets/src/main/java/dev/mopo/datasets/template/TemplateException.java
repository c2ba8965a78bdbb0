package dev.mopo.datasets.template;

/** A chat template that cannot be loaded or fails to render (including its own {@code raise_exception}). */
public final class TemplateException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An error with its message. */
    public TemplateException(String message) {
        super(message);
    }

    /** An error with its message and cause. */
    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
