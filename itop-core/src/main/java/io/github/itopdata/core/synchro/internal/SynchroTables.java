package io.github.itopdata.core.synchro.internal;

import io.github.itopdata.core.model.UnknownClassException;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.synchro.DataSourceException;

/**
 * Where the synchronization objects (data sources, synchro attributes, replicas, logs) are
 * stored: the object tables of the model's classes {@code SynchroDataSource},
 * {@code SynchroAttribute}, {@code SynchroReplica} and {@code SynchroLog}, so that queries and
 * exports see them like any other object.
 */
public final class SynchroTables {

    private final SchemaMapping mapping;
    private final ClassTable sources;
    private final ClassTable attributes;
    private final ClassTable replicas;
    private final ClassTable logs;

    public SynchroTables(SchemaMapping mapping) {
        this.mapping = mapping;
        try {
            this.sources = mapping.table("SynchroDataSource");
            this.attributes = mapping.table("SynchroAttribute");
            this.replicas = mapping.table("SynchroReplica");
            this.logs = mapping.table("SynchroLog");
        } catch (UnknownClassException e) {
            throw new DataSourceException("The model has no synchronization classes (" + e.getMessage()
                    + "): load the default model, which defines SynchroDataSource and its companions");
        }
    }

    public SchemaMapping mapping() {
        return mapping;
    }

    /** Returns the quoted table of data sources. */
    public String sources() {
        return sources.quotedTableName();
    }

    public String attributes() {
        return attributes.quotedTableName();
    }

    public String replicas() {
        return replicas.quotedTableName();
    }

    public String logs() {
        return logs.quotedTableName();
    }

    /** Returns the sequence that gives replica ids, shared by every replica table. */
    public String replicaSequence() {
        return mapping.hierarchies().stream().filter(h -> h.rootClassName().equals(replicas.rootClassName()))
                .findFirst().orElseThrow().sequenceName();
    }

    /** Returns the sequence that gives data source ids. */
    public String sourceSequence() {
        return mapping.hierarchies().stream().filter(h -> h.rootClassName().equals(sources.rootClassName()))
                .findFirst().orElseThrow().sequenceName();
    }

    /** Returns the quoted column of a data source attribute. */
    public String source(String attCode) {
        return sources.requireColumn(attCode).quotedName();
    }

    public String attribute(String attCode) {
        return mapping.table("SynchroAttLinkSet").column(attCode)
                .or(() -> mapping.table("SynchroAttExtKey").column(attCode))
                .orElseGet(() -> attributes.requireColumn(attCode)).quotedName();
    }

    public String replica(String attCode) {
        return replicas.requireColumn(attCode).quotedName();
    }

    public String log(String attCode) {
        return logs.requireColumn(attCode).quotedName();
    }
}
