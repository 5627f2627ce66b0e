package org.parlons.customers.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.parlons.platform.Sentences;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.parlons.customers.Author;
import org.parlons.customers.Customer;
import org.parlons.customers.CustomerHistory;
import org.parlons.customers.CustomerProfiles;
import org.parlons.customers.CustomerResolver;
import org.parlons.customers.Customers;
import org.parlons.customers.Identity;
import org.jspecify.annotations.Nullable;
import org.parlons.platform.CsvInput;
import org.parlons.platform.Json;
import org.parlons.platform.JsonInput;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customers in and out as CSV. Import columns: {@code name, email, phone, tags} (tags
 * separated by {@code ;}), {@code organisation} and {@code title} (where they work, kept
 * by the professional network: {@link org.parlons.customers.EmployerSaid}) and any
 * {@code attr.<key>} column; a row whose email or phone is known updates that profile. A
 * file is taken whole or not at all: its bad lines are reported by number and nothing of
 * it is stored.
 */
@Component
public class CustomerCsv {

	/**
	 * What an import did: all or nothing, with each rejected line said.
	 *
	 * @param created profiles created
	 * @param updated profiles updated
	 * @param errors why lines were refused (then nothing was stored)
	 */
	public record ImportReport(int created, int updated, List<String> errors) {

		static ImportReport rejected(List<String> errors) {
			return new ImportReport(0, 0, List.copyOf(errors));
		}

		/** Nothing was stored: the file had bad lines, listed in {@link #errors}. */
		public boolean rejected() {
			return !errors.isEmpty();
		}

	}

	private static final int MAX_NAME = 300;

	private static final String[] EXPORT_HEADER = { "id", "name", "emails", "phones", "handles", "tags", "attributes",
			"created_at" };

	private final Customers customers;

	private final CustomerResolver resolver;

	private final CustomerProfiles profiles;

	private final CustomerHistory history;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Sentences sentences;

	private final org.springframework.context.ApplicationEventPublisher events;

	CustomerCsv(Sentences sentences, Customers customers, CustomerResolver resolver, CustomerProfiles profiles,
			CustomerHistory history, JdbcClient jdbc, TransactionTemplate tx,
			org.springframework.context.ApplicationEventPublisher events) {
		this.sentences = sentences;
		this.events = events;
		this.customers = customers;
		this.resolver = resolver;
		this.profiles = profiles;
		this.history = history;
		this.jdbc = jdbc;
		this.tx = tx;
	}

	/**
	 * Imports every row or none: the file is read and each row checked first; one bad row
	 * (or a file that is not CSV) rejects the whole file, every bad line reported,
	 * nothing stored. Rows are then imported in one transaction.
	 */
	public ImportReport importFrom(Reader reader, long actorId) throws IOException {
		List<CSVRecord> rows;
		try {
			rows = CsvInput.read(reader);
		}
		catch (IllegalArgumentException ex) {
			return ImportReport.rejected(List.of("not a CSV file this import can read: " + ex.getMessage()));
		}
		List<String> errors = new ArrayList<>();
		for (CSVRecord row : rows) {
			String problem = problemWith(row);
			if (problem != null) {
				errors.add("line " + lineOf(row) + ": " + problem);
			}
		}
		if (!errors.isEmpty()) {
			return ImportReport.rejected(errors);
		}
		int[] counts = new int[2];
		try {
			tx.executeWithoutResult(s -> rows.forEach(row -> counts[importRow(row, actorId) ? 0 : 1]++));
		}
		catch (DataIntegrityViolationException ex) {
			return ImportReport.rejected(List.of("a value is too long or cannot be stored; nothing was imported"));
		}
		return new ImportReport(counts[0], counts[1], List.of());
	}

	/** Why a row cannot be imported, or null: checked before anything is stored. */
	private @Nullable String problemWith(CSVRecord row) {
		if (!row.isConsistent()) {
			return "has " + row.size() + " fields, the header has " + row.getParser().getHeaderNames().size();
		}
		for (String value : row.values()) {
			String problem = JsonInput.problemWith(value);
			if (problem != null) {
				return "a value " + problem;
			}
		}
		String email = value(row, "email");
		String phone = value(row, "phone");
		if (email == null && phone == null) {
			return "needs an email or a phone";
		}
		try {
			if (email != null) {
				Identity.email(email);
			}
			if (phone != null) {
				Identity.phone(phone, profiles.defaultRegion());
			}
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
		String name = value(row, "name");
		if (name != null && name.length() > MAX_NAME) {
			return "the name is longer than " + MAX_NAME + " characters";
		}
		String organisation = value(row, "organisation");
		if (organisation != null && organisation.length() > org.parlons.customers.Organisations.MAX_NAME) {
			return "the organisation is longer than " + org.parlons.customers.Organisations.MAX_NAME + " characters";
		}
		String title = value(row, "title");
		if (title != null && title.length() > 300) {
			return "the title is longer than 300 characters";
		}
		return null;
	}

	private static long lineOf(CSVRecord row) {
		return row.getRecordNumber() + 1;
	}

	private boolean importRow(CSVRecord row, long actorId) {
		String name = value(row, "name");
		List<Identity> identities = new ArrayList<>();
		String email = value(row, "email");
		String phone = value(row, "phone");
		if (email != null) {
			identities.add(Identity.email(email));
		}
		if (phone != null) {
			identities.add(Identity.phone(phone, profiles.defaultRegion()));
		}
		if (identities.isEmpty()) {
			throw new IllegalArgumentException("needs an email or a phone");
		}
		boolean known = identities.stream().anyMatch(i -> customers.findByIdentity(i).isPresent());
		long id = resolver.resolve(new Author(name, identities));
		Customer customer = customers.findById(id).orElseThrow();
		if (name != null && customer.name() == null) {
			customers.rename(id, name);
		}
		String tags = value(row, "tags");
		if (tags != null) {
			for (String tag : tags.split(";")) {
				if (!tag.isBlank()) {
					customers.tag(id, tag.strip());
				}
			}
		}
		Map<String, Object> attributes = new LinkedHashMap<>(customer.attributes());
		row.toMap().forEach((k, v) -> {
			if (k.startsWith("attr.") && v != null && !v.isBlank()) {
				attributes.put(k.substring(5), v);
			}
		});
		customers.putAttributes(id, attributes);
		String organisation = value(row, "organisation");
		if (organisation != null) {
			events.publishEvent(new org.parlons.customers.EmployerSaid(id, organisation, value(row, "title")));
		}
		history.record(id, known ? "imported-update" : "imported",
				sentences.english("history.csvLine", String.valueOf(lineOf(row))), actorId);
		return !known;
	}

	public void exportTo(Writer writer) throws IOException {
		try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(EXPORT_HEADER).get().print(writer)) {
			List<Long> ids = jdbc.sql("select id from customer where merged_into is null order by id")
				.query(Long.class)
				.list();
			for (Long id : ids) {
				Customer c = customers.findById(id).orElseThrow();
				printer.printRecord(c.id(), c.name(), joined(c, Identity.Kind.EMAIL), joined(c, Identity.Kind.PHONE),
						joined(c, Identity.Kind.HANDLE), String.join(";", c.tags()), Json.write(c.attributes()),
						c.createdAt());
			}
		}
	}

	private static String joined(Customer customer, Identity.Kind kind) {
		return customer.identities()
			.stream()
			.map(Customer.StoredIdentity::identity)
			.filter(i -> i.kind() == kind)
			.map(Identity::label)
			.collect(Collectors.joining(";"));
	}

	private static String value(CSVRecord row, String column) {
		if (!row.isMapped(column) || !row.isSet(column)) {
			return null;
		}
		String v = row.get(column);
		return v == null || v.isBlank() ? null : v.strip();
	}

}
