package scriptorium.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;
import scriptorium.capture.Documents;

/**
 * A multipart request's files and fields, every refusal naming the field, before anything is saved. Jetty spools
 * large parts to disk; a file is read into memory only up to its limit (plus one byte, to tell "too large").
 */
final class Uploads {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final Context ctx;

    private Uploads(Context ctx) {
        this.ctx = ctx;
    }

    static Uploads of(Context ctx, String expected) {
        if (!ctx.isMultipartFormData()) {
            throw new ApiException(415, "unsupported_media_type", "body: must be multipart/form-data with " + expected
                    + " (curl -F)");
        }
        return new Uploads(ctx);
    }

    List<UploadedFile> files(String field) {
        try {
            return ctx.uploadedFiles(field);
        } catch (RuntimeException e) { // Jetty refuses a part past its limits while parsing: say which limit
            throw new ApiException(413, "body_too_large", "body: a part is larger than this server takes ("
                    + e.getMessage() + ")");
        }
    }

    String field(String name) {
        String value = ctx.formParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    String id(String name) {
        String value = field(name);
        if (value != null && !ID.matcher(value).matches()) {
            throw ApiException.badRequest("invalid_field", name + ": must be 1..64 letters, digits or . _ : -");
        }
        return value;
    }

    boolean flag(String name) {
        String value = field(name);
        if (value == null || value.equals("false") || value.equals("0")) {
            return false;
        }
        if (value.equals("true") || value.equals("1") || value.equals("on")) {
            return true;
        }
        throw ApiException.badRequest("invalid_field", name + ": must be true or false");
    }

    /** The file's bytes, at most {@code limit} + 1 of them: the caller tells "too large" by the length. */
    static byte[] read(UploadedFile file, int limit) {
        try (InputStream in = file.content()) {
            return in.readNBytes(limit + 1);
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_body", file.filename() + ": could not be read (" + e.getMessage()
                    + ")");
        }
    }

    static Documents.Upload document(UploadedFile file) {
        return new Documents.Upload(file.filename(), file.contentType(), read(file, Documents.MAX_BYTES));
    }
}
