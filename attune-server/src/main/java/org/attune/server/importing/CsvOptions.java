package org.attune.server.importing;

import java.nio.charset.Charset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * How a CSV (or TSV, or MovieLens {@code ::}) file is read: the {@code "csv"} object of a
 * column mapping. Immutable and thread-safe.
 *
 * @param delimiter the text between cells, e.g. {@code ","}, {@code "\t"}, {@code "|"} or {@code "::"}
 * @param header whether the first line holds the column names
 * @param columns the column names when there is no header line (or to rename the header's); may be empty
 * @param charset the file's character set, e.g. UTF-8 or ISO-8859-1
 * @param quote the quote character, or null when the file uses no quoting (then quotes are ordinary text)
 * @param trim whether spaces around cells are removed
 */
public record CsvOptions(String delimiter, boolean header, List<String> columns, Charset charset, Character quote,
                         boolean trim) {

    /** Comma-separated, a header line, UTF-8, double quotes, no trimming: RFC 4180. */
    public static final CsvOptions DEFAULTS = new CsvOptions(",", true, List.of(),
            java.nio.charset.StandardCharsets.UTF_8, '"', false);

    public CsvOptions {
        columns = List.copyOf(columns);
    }

    /** The Commons CSV format for these options. */
    public CSVFormat format() {
        CSVFormat.Builder builder = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setQuote(quote)
                .setTrim(trim)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true);
        if (header) {
            builder.setHeader().setSkipHeaderRecord(true);
        }
        return builder.get();
    }
}
