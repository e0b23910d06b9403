package io.github.itopdata.core.synchro.internal;

/** A replica value that makes the write of its object fail, such as an external key id of no object. */
public final class InvalidReplicaValueException extends RuntimeException {

    public InvalidReplicaValueException(String message) {
        super(message);
    }
}
