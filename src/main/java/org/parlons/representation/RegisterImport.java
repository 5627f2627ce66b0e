package org.parlons.representation;

import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.parlons.platform.CsvInput;
import org.parlons.platform.ErrorDetails;
import org.parlons.platform.Refusals;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A community's members from the company's register, as CSV: {@code customer} (a number)
 * or {@code email}; {@code kind}, {@code registerNumber}, {@code role} and {@code since}
 * (a date) optional. One transaction: a bad line imports nothing and every bad line is
 * said, so that the file can be mended and sent again.
 */
@Service
public class RegisterImport {

	/**
	 * What an import did.
	 *
	 * @param stored the members stored
	 * @param errors each bad line and why, in the reader's language
	 */
	public record Report(int stored, List<String> errors) {
	}

	private final Communities communities;

	private final Customers customers;

	private final TransactionTemplate tx;

	private final MessageSource words;

	RegisterImport(Communities communities, Customers customers, TransactionTemplate tx, MessageSource words) {
		this.communities = communities;
		this.customers = customers;
		this.tx = tx;
		this.words = words;
	}

	public Report load(long communityId, Reader csv, Locale locale) {
		communities.get(communityId);
		List<CSVRecord> rows;
		try {
			rows = CsvInput.read(csv);
		}
		catch (IllegalArgumentException ex) {
			return new Report(0, List.of(words.getMessage("representation.import.notCsv",
					new Object[] { String.valueOf(ex.getMessage()) }, locale)));
		}
		List<String> errors = new ArrayList<>();
		Integer stored = tx.execute(status -> {
			int n = 0;
			for (CSVRecord row : rows) {
				try {
					communities.join(communityId, customerOf(row), orDefault(value(row, "kind"), "member"),
							value(row, "role"), value(row, "registerNumber"), since(row));
					n++;
				}
				catch (RuntimeException ex) {
					errors.add(words.getMessage("representation.import.line",
							new Object[] { String.valueOf(row.getRecordNumber() + 1), ErrorDetails.of(ex) }, locale));
				}
			}
			if (!errors.isEmpty()) {
				status.setRollbackOnly();
			}
			return n;
		});
		return errors.isEmpty() ? new Report(stored == null ? 0 : stored, List.of()) : new Report(0, errors);
	}

	private long customerOf(CSVRecord row) {
		String number = value(row, "customer");
		String email = value(row, "email");
		if (number == null && email == null) {
			throw Refusals.invalid("representation.import.whose", "a line names its customer (customer or email)");
		}
		String named = number != null ? number : email;
		return customers.namedBy(number, email)
			.orElseThrow(() -> Refusals.invalid("representation.import.noCustomer", "no customer " + named, named));
	}

	private static @Nullable Instant since(CSVRecord row) {
		String day = value(row, "since");
		if (day == null) {
			return null;
		}
		try {
			return LocalDate.parse(day).atStartOfDay().toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw Refusals.invalid("representation.import.since", "since is a date such as 2024-03-01, not " + day,
					day);
		}
	}

	private static @Nullable String value(CSVRecord row, String column) {
		if (!row.isMapped(column) || !row.isSet(column)) {
			return null;
		}
		String v = row.get(column);
		return v == null || v.isBlank() ? null : v.strip();
	}

	private static String orDefault(@Nullable String value, String fallback) {
		return value == null ? fallback : value;
	}

}
