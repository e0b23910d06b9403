package io.github.itopdata.core.synchro;

import io.github.itopdata.core.cron.AsyncTaskQueue;
import io.github.itopdata.core.cron.EmailMessage;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.SchemaMapping;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-mails the notification contact of a data source when a run ends with errors, did not start,
 * or aborted. The message goes into the asynchronous e-mail queue, which the cron sends later, so
 * the run does not wait for the mail server. A failure to queue the message is logged and ignored.
 */
public final class SynchroNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(SynchroNotifier.class);

    private final Database database;
    private final SchemaMapping mapping;
    private final Clock clock;

    public SynchroNotifier(Database database, SchemaMapping mapping, Clock clock) {
        this.database = database;
        this.mapping = mapping;
        this.clock = clock;
    }

    /**
     * Queues the notification of a run when the run calls for one and the source has a contact
     * with an e-mail address. A simulated run never notifies.
     *
     * @return the queued message, or empty when none was queued
     */
    public Optional<EmailMessage> notifyRun(DataSource source, SynchroLog log, boolean simulate) {
        if (simulate || source.notifyContactId().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> subject = subjectOf(log);
        if (subject.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<String> address = emailOf(source.notifyContactId().get());
            if (address.isEmpty()) {
                LOG.warn("Data source {}: contact {} has no e-mail address; no notification sent", source.id(),
                        source.notifyContactId().get());
                return Optional.empty();
            }
            EmailMessage message = new EmailMessage("", List.of(address.get()), List.of(), List.of(),
                    "iTop Data Sync - " + source.name() + " - " + subject.get(), bodyOf(source, log, subject.get()),
                    "text/html", Map.of());
            new AsyncTaskQueue(database, clock).enqueueEmail(message);
            return Optional.of(message);
        } catch (RuntimeException e) {
            LOG.warn("Data source {}: the notification could not be queued: {}", source.id(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Returns the subject of a run's notification: {@code errors (<total>)} for a completed run
     * with errors, {@code fatal error} for a run that did not start (it keeps no log), and
     * {@code exception} for a run that aborted.
     */
    static Optional<String> subjectOf(SynchroLog log) {
        if (log.status().equals("error")) {
            return Optional.of(log.id() == 0 ? "fatal error" : "exception");
        }
        return log.errorTotal() > 0 ? Optional.of("errors (" + log.errorTotal() + ")") : Optional.empty();
    }

    private Optional<String> emailOf(long contactId) {
        Optional<ModelClass> contactClass = mapping.model().find("Contact");
        if (contactClass.isEmpty()) {
            return Optional.empty();
        }
        ClassTable table = mapping.table("Contact");
        Optional<String> finalClass = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT finalclass FROM " + table.quotedTableName() + " WHERE id = :id")
                .bind("id", contactId).mapTo(String.class).findOne());
        if (finalClass.isEmpty()) {
            return Optional.empty();
        }
        Optional<AttributeDef> email = mapping.model().find(finalClass.get()).stream()
                .flatMap(c -> c.allAttributes().stream()).filter(a -> a.type() == AttributeType.EMAIL).findFirst();
        if (email.isEmpty() || table.column(email.get().code()).isEmpty()) {
            return Optional.empty();
        }
        String column = table.column(email.get().code()).get().quotedName();
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT " + column + " FROM "
                        + table.quotedTableName() + " WHERE id = :id")
                .bind("id", contactId).mapTo(String.class).findOne())
                .filter(address -> !address.isBlank());
    }

    private static String bodyOf(DataSource source, SynchroLog log, String subject) {
        StringBuilder body = new StringBuilder("<p>Data source <b>").append(html(source.name())).append("</b> (id ")
                .append(source.id()).append(", class ").append(html(source.scopeClass())).append(")</p>\n");
        if (log.status().equals("error")) {
            body.append("<p>The synchronization ").append(subject.equals("fatal error") ? "did not start" : "aborted")
                    .append(": ").append(html(log.lastError())).append("</p>\n");
            return body.toString();
        }
        body.append("<p>The synchronization completed with ").append(log.errorTotal())
                .append(" error(s). The replicas in error keep their message in status_last_error.</p>\n<table>\n");
        for (String line : SynchroReport.counterLines(log, "")) {
            body.append("<tr><td>").append(html(line)).append("</td></tr>\n");
        }
        return body.append("</table>\n").toString();
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
