package dev.mopo.datasets.reject;

/** A bad row in strict mode: reading stops at the first one. */
public final class BadRowException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Rejection rejection;

    /** The exception for one rejected row; its message is {@link Rejection#message()}. */
    public BadRowException(Rejection rejection) {
        super(rejection.message());
        this.rejection = rejection;
    }

    /** The row that stopped the read. */
    public Rejection rejection() {
        return rejection;
    }
}
