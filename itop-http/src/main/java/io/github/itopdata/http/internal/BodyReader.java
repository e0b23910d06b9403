package io.github.itopdata.http.internal;

import io.github.itopdata.http.RequestValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the parameters carried by a request body, form-encoded or multipart, into memory for
 * short values and into the request's spool directory for long ones. Other content types carry
 * no parameters and their body is left unread.
 */
final class BodyReader {

    private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);
    /** Values up to this size stay in memory. */
    private static final int MEMORY_THRESHOLD = 64 * 1024;
    private static final int MAX_PARTS = 1000;
    /** The only multipart file part taken as a parameter: CSV data sent with {@code curl -F csvdata=@file}. */
    private static final String FILE_PART_NAME = "csvdata";

    private final long maxBodyBytes;

    BodyReader(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Reads the body parameters into the map.
     *
     * @return the multipart parts to close once the request ends, or {@code null}
     */
    MultiPartFormData.Parts read(Request request, RequestDeadline deadline, SpoolDirectory spool,
            Map<String, RequestValue> into) throws RequestRejection, IOException {
        long declaredLength = request.getLength();
        if (declaredLength > maxBodyBytes) {
            throw tooLarge();
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mimeType = contentType == null ? "" : contentType.split(";", 2)[0].strip();

        if (mimeType.equalsIgnoreCase("application/x-www-form-urlencoded")) {
            try (InputStream body = limited(request, deadline)) {
                new FormBodyDecoder(spool, MEMORY_THRESHOLD).decode(body, into);
            } catch (LimitedInputStream.BodyTooLargeException e) {
                throw tooLarge();
            } catch (LimitedInputStream.BodyTimeoutException e) {
                throw new RequestRejection(408, e.getMessage());
            }
            return null;
        }
        if (mimeType.equalsIgnoreCase("multipart/form-data")) {
            return readMultipart(request, contentType, deadline, spool, into);
        }
        return null;
    }

    private MultiPartFormData.Parts readMultipart(Request request, String contentType, RequestDeadline deadline,
            SpoolDirectory spool, Map<String, RequestValue> into) throws RequestRejection, IOException {
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw new RequestRejection(400, "Malformed multipart body: the Content-Type header has no boundary");
        }
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.setFilesDirectory(spool.directory());
        parser.setMaxMemoryFileSize(MEMORY_THRESHOLD);
        parser.setUseFilesForPartsWithoutFileName(true);
        parser.setMaxParts(MAX_PARTS);

        MultiPartFormData.Parts parts;
        try {
            Content.Source source = Content.Source.from(limited(request, deadline));
            parts = parser.parse(source).get(deadline.remaining().toMillis() + 1, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestRejection(503, "Request interrupted while the multipart body was read", e);
        } catch (TimeoutException e) {
            throw new RequestRejection(408, deadline.bodyTimeoutMessage(), e);
        } catch (ExecutionException e) {
            throw multipartFailure(e.getCause());
        }

        for (MultiPart.Part part : parts) {
            String name = part.getName();
            if (name == null || name.isEmpty()) {
                continue;
            }
            if (part.getFileName() != null && !FILE_PART_NAME.equals(name)) {
                LOG.debug("Ignored multipart file part '{}': only '{}' is read from a file part", name, FILE_PART_NAME);
                continue;
            }
            into.put(name, toValue(part));
        }
        return parts;
    }

    private static RequestValue toValue(MultiPart.Part part) throws IOException {
        if (part instanceof MultiPart.PathPart pathPart) {
            return RequestValue.ofFile(pathPart.getPath(), part.getLength());
        }
        // ISO-8859-1 maps each byte to one char and back, so this round trip keeps the raw bytes.
        String latin1 = part.getContentAsString(StandardCharsets.ISO_8859_1);
        return RequestValue.ofBytes(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    private RequestRejection multipartFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof LimitedInputStream.BodyTooLargeException) {
                return tooLarge();
            }
            if (t instanceof LimitedInputStream.BodyTimeoutException) {
                return new RequestRejection(408, t.getMessage());
            }
            if (t instanceof org.eclipse.jetty.io.EofException) {
                return new RequestRejection(400, "Request body ended early: the client closed the connection", cause);
            }
        }
        return new RequestRejection(400, "Malformed multipart body: " + cause.getMessage(), cause);
    }

    private InputStream limited(Request request, RequestDeadline deadline) {
        return new LimitedInputStream(Content.Source.asInputStream(request), maxBodyBytes, deadline);
    }

    private RequestRejection tooLarge() {
        return new RequestRejection(413, "Request body too large (limit " + maxBodyBytes + " bytes)");
    }
}
