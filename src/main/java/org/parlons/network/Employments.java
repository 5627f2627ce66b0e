package org.parlons.network;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.parlons.customers.Organisations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who works where: each person's employments, the current one without an end. A person
 * said to work at another organisation than their current one has moved: the old
 * employment ends, the new one begins, and the move is answered for {@link JobChanges}.
 */
@Service
public class Employments {

	/**
	 * An employment.
	 *
	 * @param id its number
	 * @param customerId the person
	 * @param organisationId the organisation
	 * @param organisation its name
	 * @param title the person's title there
	 * @param startedOn when it began, when known
	 * @param endedOn when it ended; none for the current one
	 * @param source what said it: linkedin, vcard, csv, agent
	 * @param confidence how sure that source is, above 0, at most 1
	 */
	public record Employment(long id, long customerId, long organisationId, String organisation, @Nullable String title,
			@Nullable LocalDate startedOn, @Nullable LocalDate endedOn, String source, double confidence) {

		public boolean current() {
			return endedOn == null;
		}

	}

	/**
	 * A move from one organisation to another.
	 *
	 * @param customerId the person
	 * @param fromId the organisation left
	 * @param toId the organisation joined
	 */
	record Move(long customerId, long fromId, long toId) {
	}

	private static final String SELECT = "select e.id, e.customer_id, e.organisation_id, e.title, "
			+ "e.started_on, e.ended_on, e.source, e.confidence from employment e";

	private final JdbcClient jdbc;

	private final Organisations organisations;

	private final Customers customers;

	private final Clock clock;

	Employments(JdbcClient jdbc, Organisations organisations, Customers customers, Clock clock) {
		this.jdbc = jdbc;
		this.organisations = organisations;
		this.customers = customers;
		this.clock = clock;
	}

	/** A person's employments, the current first, then the latest ended. */
	public List<Employment> of(long customerId) {
		Set<Long> aliases = customers.aliasesOf(customers.current(customerId));
		return named(jdbc
			.sql(SELECT + " where e.customer_id = any(:ids) order by case when e.ended_on is null then 0 else 1 end, "
					+ "e.ended_on desc, e.id desc")
			.param("ids", aliases.toArray(Long[]::new))
			.query((rs, n) -> employment(rs))
			.list());
	}

	public Optional<Employment> current(long customerId) {
		return of(customerId).stream().filter(Employment::current).findFirst();
	}

	/** The people working at the organisation now. */
	public List<Employment> at(long organisationId) {
		return named(jdbc.sql(SELECT + " where e.organisation_id = ? and e.ended_on is null order by e.customer_id")
			.param(organisationId)
			.query((rs, n) -> employment(rs))
			.list());
	}

	/**
	 * Says the person works at that organisation now, in the caller's transaction: the
	 * same organisation keeps the employment (a new title replaces the old), another
	 * closes it and opens the next, answered as a move. The first employment known is no
	 * move.
	 */
	@Transactional
	Optional<Move> worksAt(long customerId, String organisation, @Nullable String title, @Nullable LocalDate since,
			String source, double confidence) {
		long person = customers.current(customerId);
		customers.lock(person);
		long organisationId = organisations.named(organisation).id();
		Optional<Employment> now = current(person);
		String cleanTitle = title == null || title.isBlank() ? null : title.strip();
		if (now.isPresent() && now.get().organisationId() == organisationId) {
			if (cleanTitle != null && !cleanTitle.equals(now.get().title())) {
				jdbc.sql("update employment set title = ? where id = ?").params(cleanTitle, now.get().id()).update();
			}
			return Optional.empty();
		}
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		now.ifPresent(old -> jdbc.sql("update employment set ended_on = ? where id = ?")
			.params(Date.valueOf(since != null && !since.isAfter(today) ? since : today), old.id())
			.update());
		jdbc.sql("insert into employment (customer_id, organisation_id, title, started_on, source, confidence, "
				+ "created_at) values (?, ?, ?, ?, ?, ?, ?)")
			.params(person, organisationId, cleanTitle, since == null ? null : Date.valueOf(since), source, confidence,
					Timestamp.from(clock.instant()))
			.update();
		return now.map(old -> new Move(person, old.organisationId(), organisationId));
	}

	void forget(Set<Long> profileIds) {
		if (!profileIds.isEmpty()) {
			jdbc.sql("delete from employment where customer_id = any(:ids)")
				.param("ids", profileIds.toArray(Long[]::new))
				.update();
		}
	}

	/** The employments with their organisations' names, asked of their owner. */
	private List<Employment> named(List<Employment> employments) {
		java.util.Map<Long, String> names = organisations
			.names(employments.stream().map(Employment::organisationId).collect(java.util.stream.Collectors.toSet()));
		return employments.stream()
			.map(e -> new Employment(e.id(), e.customerId(), e.organisationId(),
					names.getOrDefault(e.organisationId(), "#" + e.organisationId()), e.title(), e.startedOn(),
					e.endedOn(), e.source(), e.confidence()))
			.toList();
	}

	private static Employment employment(java.sql.ResultSet rs) throws java.sql.SQLException {
		Date started = rs.getDate(5);
		Date ended = rs.getDate(6);
		return new Employment(rs.getLong(1), rs.getLong(2), rs.getLong(3), "", rs.getString(4),
				started == null ? null : started.toLocalDate(), ended == null ? null : ended.toLocalDate(),
				rs.getString(7), rs.getDouble(8));
	}

}
