package scriptorium.capture.fake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A multipart/form-data body split into its text fields and its one file part (RFC 7578), strictly. */
record FormData(Map<String, String> fields, String fileName, String fileType, byte[] file) {

    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");

    static FormData parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        Map<String, String> fields = new LinkedHashMap<>();
        String fileName = null;
        String fileType = null;
        byte[] file = null;
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 2 <= body.length && body[start] == '-' && body[start + 1] == '-') {
                break; // the closing delimiter
            }
            start += 2; // CRLF after the delimiter
            int next = indexOf(body, delimiter, start);
            if (next < 0) {
                throw new IllegalArgumentException("multipart body without a closing delimiter");
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
            String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next - 2); // CRLF before the delimiter
            Matcher name = NAME.matcher(headers);
            Matcher filename = FILE_NAME.matcher(headers);
            if (filename.find()) {
                fileName = filename.group(1);
                fileType = headers.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                        .map(l -> l.substring(13).strip()).findFirst().orElse(null);
                file = content;
            } else if (name.find()) {
                fields.put(name.group(1), new String(content, StandardCharsets.UTF_8));
            }
            at = next;
        }
        return new FormData(fields, fileName, fileType, file);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
