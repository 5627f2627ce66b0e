package org.parlons.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.CustomerErasing;
import org.parlons.customers.CustomerErasure;
import org.parlons.customers.Customers;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's requests about their data (GDPR art. 15 to 21): received from their space
 * or entered by an agent, each verified against one of the customer's known identities,
 * due one month after it was received (art. 12(3)), carried out or refused by someone
 * with the right to, and audited at each step. States follow Fides' privacy requests:
 * received, in progress, then completed or refused.
 */
@Service
public class DataRequests {

	/** What the customer asks. */
	public static final Set<String> KINDS = Set.of("access", "portability", "rectification", "restriction", "objection",
			"erasure");

	/**
	 * A request.
	 *
	 * @param id its number
	 * @param customerId the customer it is about
	 * @param kind "access", "portability", "rectification", "restriction", "objection" or
	 * "erasure"
	 * @param status "received", "in-progress", "completed" or "refused"
	 * @param detail what the customer said, if anything
	 * @param source "portal" or "agent"
	 * @param verifiedBy how the customer was recognised: the identity or the signed-in
	 * space
	 * @param receivedAt when it was received
	 * @param dueAt when it must be answered (a month later)
	 * @param enteredBy the agent who entered it, if one did
	 * @param handledBy the agent who carried it out or refused it
	 * @param completedAt when
	 * @param outcome the handler's note, or why it was refused
	 */
	public record DataRequest(long id, long customerId, String kind, String status, @Nullable String detail,
			String source, String verifiedBy, Instant receivedAt, Instant dueAt, @Nullable Long enteredBy,
			@Nullable Long handledBy, @Nullable Instant completedAt, @Nullable String outcome) {

		public boolean open() {
			return "received".equals(status) || "in-progress".equals(status);
		}

		public boolean overdueAt(Instant now) {
			return open() && now.isAfter(dueAt);
		}

	}

	private final JdbcClient jdbc;

	private final Customers customers;

	private final CustomerErasure erasure;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DataRequests(JdbcClient jdbc, Customers customers, CustomerErasure erasure, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.erasure = erasure;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Receives a request; a second request of the same kind while one is open is that
	 * one.
	 */
	@Transactional
	public DataRequest receive(long customerId, String kind, @Nullable String detail, String source, String verifiedBy,
			@Nullable Long enteredBy) {
		String k = kind.strip().toLowerCase(Locale.ROOT);
		if (!KINDS.contains(k)) {
			throw Refusals.invalid("privacy.request.kind", "Unknown kind of request " + kind, kind);
		}
		if (detail != null && detail.length() > 4000) {
			throw Refusals.invalid("privacy.request.detail", "A request says at most 4,000 characters");
		}
		long id = customers.current(customerId);
		if (customers.rights(id).erasedAt() != null) {
			throw Refusals.conflict("privacy.request.erased", "This customer was erased");
		}
		Optional<DataRequest> pending = jdbc
			.sql(SELECT + " where customer_id = ? and kind = ? and status in ('received', 'in-progress')")
			.params(id, k)
			.query((rs, n) -> request(rs))
			.optional();
		if (pending.isPresent()) {
			return pending.get();
		}
		Instant now = clock.instant();
		Instant due = now.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
		jdbc.sql("insert into data_request (customer_id, kind, status, detail, source, verified_by, received_at, "
				+ "due_at, entered_by) values (?, ?, 'received', ?, ?, ?, ?, ?, ?)")
			.params(id, k, detail == null || detail.isBlank() ? null : detail.strip(), source, cut(verifiedBy, 400),
					Timestamp.from(now), Timestamp.from(due), enteredBy)
			.update();
		DataRequest created = jdbc.sql(SELECT + " where customer_id = ? and kind = ? and status = 'received'")
			.params(id, k)
			.query((rs, n) -> request(rs))
			.single();
		events.publishEvent(new PrivacyEvent("data-request.received", id,
				"#" + created.id() + " " + k + " from " + source + ", due " + due, enteredBy));
		return created;
	}

	public DataRequest get(long id) {
		return jdbc.sql(SELECT + " where id = ?")
			.param(id)
			.query((rs, n) -> request(rs))
			.optional()
			.orElseThrow(() -> new NotFoundException("No data request " + id));
	}

	/** The open requests, the nearest deadline first. */
	public List<DataRequest> open() {
		return jdbc.sql(SELECT + " where status in ('received', 'in-progress') order by due_at, id")
			.query((rs, n) -> request(rs))
			.list();
	}

	/** The latest requests, open or not, newest first. */
	public List<DataRequest> recent(int limit) {
		return jdbc.sql(SELECT + " order by received_at desc, id desc fetch first " + limit + " rows only")
			.query((rs, n) -> request(rs))
			.list();
	}

	/** A customer's requests, across their merged profiles, newest first. */
	public List<DataRequest> ofCustomer(long customerId) {
		return jdbc.sql(SELECT + " where customer_id in (:ids) order by received_at desc, id desc")
			.param("ids", List.copyOf(customers.aliasesOf(customers.current(customerId))))
			.query((rs, n) -> request(rs))
			.list();
	}

	/**
	 * Carries a request out: erasure erases (ADR 25), restriction and objection are
	 * marked on the profile, access and portability are answered by the export the
	 * customer downloads from their space, rectification is done by the agent on the
	 * profile before. 409 when the request is no longer open.
	 */
	@Transactional
	public DataRequest execute(long requestId, long actorId, @Nullable String note) {
		DataRequest r = lockOpen(requestId);
		switch (r.kind()) {
			case "erasure" -> erasure.erase(r.customerId());
			case "restriction" -> customers.markRight(r.customerId(), true, clock.instant());
			case "objection" -> customers.markRight(r.customerId(), false, clock.instant());
			default -> {
				// access and portability: the export in the customer's space;
				// rectification:
				// the agent edited the profile before
			}
		}
		String outcome = note == null || note.isBlank() ? null : note.strip();
		close(r, "completed", actorId, outcome);
		events.publishEvent(
				new PrivacyEvent("data-request.executed", r.customerId(), "#" + r.id() + " " + r.kind(), actorId));
		return get(requestId);
	}

	/** Marks a request as being handled, by whom (409 when it is no longer open). */
	@Transactional
	public DataRequest start(long requestId, long actorId) {
		DataRequest r = lockOpen(requestId);
		jdbc.sql("update data_request set status = 'in-progress', handled_by = ? where id = ?")
			.params(actorId, r.id())
			.update();
		events.publishEvent(
				new PrivacyEvent("data-request.started", r.customerId(), "#" + r.id() + " " + r.kind(), actorId));
		return get(requestId);
	}

	/** Refuses a request with its reason (409 when it is no longer open). */
	@Transactional
	public DataRequest refuse(long requestId, long actorId, String reason) {
		if (reason.isBlank()) {
			throw Refusals.invalid("privacy.request.reason", "A refusal says why");
		}
		DataRequest r = lockOpen(requestId);
		close(r, "refused", actorId, reason.strip());
		events.publishEvent(
				new PrivacyEvent("data-request.refused", r.customerId(), "#" + r.id() + " " + r.kind(), actorId));
		return get(requestId);
	}

	/**
	 * An erased customer's requests keep their kind, dates and who handled them, not
	 * their words.
	 */
	@EventListener
	void on(CustomerErasing event) {
		jdbc.sql("update data_request set detail = null, verified_by = 'erased' where customer_id in (:ids)")
			.param("ids", List.copyOf(event.profileIds()))
			.update();
	}

	private DataRequest lockOpen(long requestId) {
		DataRequest r = jdbc.sql(SELECT + " where id = ? for update")
			.param(requestId)
			.query((rs, n) -> request(rs))
			.optional()
			.orElseThrow(() -> new NotFoundException("No data request " + requestId));
		if (!r.open()) {
			throw Refusals.conflict("privacy.request.closed." + r.status(), "This request was already " + r.status());
		}
		return r;
	}

	private void close(DataRequest r, String status, long actorId, @Nullable String outcome) {
		jdbc.sql("update data_request set status = ?, handled_by = ?, completed_at = ?, outcome = ? where id = ?")
			.params(status, actorId, Timestamp.from(clock.instant()), outcome == null ? null : cut(outcome, 2000),
					r.id())
			.update();
	}

	private static final String SELECT = "select id, customer_id, kind, status, detail, source, verified_by, "
			+ "received_at, due_at, entered_by, handled_by, completed_at, outcome from data_request";

	private static DataRequest request(java.sql.ResultSet rs) throws java.sql.SQLException {
		Timestamp completed = rs.getTimestamp(12);
		return new DataRequest(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(),
				(Long) rs.getObject(10, Long.class), (Long) rs.getObject(11, Long.class),
				completed == null ? null : completed.toInstant(), rs.getString(13));
	}

	private static String cut(String text, int max) {
		return text.length() > max ? text.substring(0, max) : text;
	}

}
