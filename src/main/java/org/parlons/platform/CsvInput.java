package org.parlons.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Files people import: CSV with a header line naming the columns, values trimmed, empty
 * lines skipped.
 */
public final class CsvInput {

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setTrim(true)
		.setIgnoreEmptyLines(true)
		.get();

	private CsvInput() {
	}

	/**
	 * Every line after the header.
	 * @throws IllegalArgumentException saying why the text cannot be read as such a file
	 */
	public static List<CSVRecord> read(Reader reader) {
		try (CSVParser parser = FORMAT.parse(reader)) {
			return parser.getRecords();
		}
		catch (UncheckedIOException | IOException | IllegalArgumentException | IllegalStateException ex) {
			Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
			throw new IllegalArgumentException(String.valueOf(cause.getMessage()), ex);
		}
	}

}
