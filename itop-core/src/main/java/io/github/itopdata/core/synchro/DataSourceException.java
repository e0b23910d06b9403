package io.github.itopdata.core.synchro;

/** A data source definition that cannot be saved, or a data source that does not exist. */
public class DataSourceException extends RuntimeException {

    public DataSourceException(String message) {
        super(message);
    }
}
