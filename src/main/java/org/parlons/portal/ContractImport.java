package org.parlons.portal;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.parlons.platform.CsvInput;
import org.parlons.platform.Refusals;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Contracts and consumption imported from the company's own systems as CSV (a header
 * line, then one contract or one period per line), all or nothing: a file with a bad line
 * stores nothing and says each line's problem in the reader's language. The customer of a
 * line is named by {@code customer} (their number here) or {@code email}.
 * <ul>
 * <li>contracts: {@code externalId, name, status, startsOn, endsOn?}; any other column is
 * one of the contract's options;</li>
 * <li>consumption: {@code contract, metric, unit, from, to, quantity}.</li>
 * </ul>
 */
@Service
public class ContractImport {

	/** The columns of a contracts file that are not options. */
	static final Set<String> CONTRACT_COLUMNS = Set.of("customer", "email", "externalId", "name", "status", "startsOn",
			"endsOn");

	/**
	 * What an import did.
	 *
	 * @param imported the lines stored (none when any was refused)
	 * @param errors each refused line's problem, "line 3: …"
	 */
	public record Report(int imported, List<String> errors) {

		public boolean rejected() {
			return !errors.isEmpty();
		}

	}

	private final Contracts contracts;

	private final Customers customers;

	private final MessageSource words;

	private final TransactionTemplate tx;

	ContractImport(Contracts contracts, Customers customers, MessageSource words, TransactionTemplate tx) {
		this.contracts = contracts;
		this.customers = customers;
		this.words = words;
		this.tx = tx;
	}

	public Report contracts(Reader csv, Locale locale) {
		return load(csv, locale, row -> {
			long customer = customerOf(row);
			Map<String, Object> options = new LinkedHashMap<>();
			row.toMap().forEach((column, value) -> {
				if (!CONTRACT_COLUMNS.contains(column) && value != null && !value.isBlank()) {
					options.put(column, value);
				}
			});
			String ends = value(row, "endsOn");
			contracts.put(customer, required(row, "externalId"), required(row, "name"), required(row, "status"),
					day(row, "startsOn"), ends == null ? null : day(row, "endsOn"), options);
		});
	}

	public Report consumption(Reader csv, Locale locale) {
		return load(csv, locale, row -> {
			long customer = customerOf(row);
			BigDecimal quantity;
			try {
				quantity = new BigDecimal(required(row, "quantity").replace(',', '.'));
			}
			catch (NumberFormatException ex) {
				throw Refusals.invalid("contracts.import.quantity",
						"quantity is a number, not '" + row.get("quantity") + "'", row.get("quantity"));
			}
			contracts.record(customer, required(row, "contract"), required(row, "metric"), required(row, "unit"),
					day(row, "from"), day(row, "to"), quantity);
		});
	}

	private interface Line {

		void store(CSVRecord row);

	}

	/**
	 * Stores every line in one transaction, each line checked by the same rules as the
	 * API's; rolled back as a whole when any is refused, so that the file can be mended
	 * and sent again.
	 */
	private Report load(Reader csv, Locale locale, Line line) {
		List<CSVRecord> rows;
		try {
			rows = CsvInput.read(csv);
		}
		catch (IllegalArgumentException ex) {
			return new Report(0, List.of(words.getMessage("contracts.import.notCsv",
					new Object[] { String.valueOf(ex.getMessage()) }, locale)));
		}
		List<String> errors = new ArrayList<>();
		Integer stored = tx.execute(status -> {
			int n = 0;
			for (CSVRecord row : rows) {
				try {
					line.store(row);
					n++;
				}
				catch (IllegalArgumentException ex) {
					errors.add(words.getMessage("contracts.import.line",
							new Object[] { String.valueOf(row.getRecordNumber() + 1), said(ex, locale) }, locale));
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
			throw Refusals.invalid("contracts.import.whose", "a line names its customer (customer or email)");
		}
		String named = number != null ? number : email;
		return customers.namedBy(number, email)
			.orElseThrow(() -> Refusals.invalid("contracts.import.noCustomer", "no customer " + named, named));
	}

	private static @Nullable String value(CSVRecord row, String column) {
		if (!row.isMapped(column) || !row.isSet(column)) {
			return null;
		}
		String value = row.get(column);
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static String required(CSVRecord row, String column) {
		String value = value(row, column);
		if (value == null) {
			throw Refusals.invalid("contracts.import.missing", column + " is missing", column);
		}
		return value;
	}

	private static LocalDate day(CSVRecord row, String column) {
		String value = required(row, column);
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw Refusals.invalid("contracts.refused.date",
					column + " must be an ISO date (2026-12-01), not '" + value + "'", column, value);
		}
	}

	private String said(RuntimeException ex, Locale locale) {
		if (ex instanceof Refusals.Said s) {
			return words.getMessage(s.code(), s.arguments(), String.valueOf(ex.getMessage()), locale);
		}
		return String.valueOf(ex.getMessage());
	}

}
