package org.parlons.representation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consumer mediation: a customer asks for mediation of one of their requests; the company
 * gives it to a mediator (internal or external, their details published in the customer
 * space); the mediator reads the case and proposes a resolution; each side accepts or
 * refuses; every step is dated. Free for the customer (L.612-1).
 */
@Repository
public class Mediations {

	/**
	 * A mediator.
	 *
	 * @param id their number
	 * @param name their name
	 * @param organisation the body they belong to (an external mediator's)
	 * @param website where to reach them
	 * @param email their address
	 * @param external whether they are outside the company
	 */
	public record Mediator(long id, String name, @Nullable String organisation, @Nullable String website,
			@Nullable String email, boolean external) {
	}

	/**
	 * A mediation.
	 *
	 * @param id its number
	 * @param conversationId the request mediated
	 * @param customerId the customer who asked
	 * @param reason why they asked
	 * @param mediatorId the mediator, once given
	 * @param proposal the mediator's proposed resolution
	 * @param customerAccepts the customer's decision on it, none yet
	 * @param companyAccepts the company's decision on it, none yet
	 * @param status "requested", "assigned", "proposed", "accepted" (both sides) or
	 * "refused" (either side)
	 * @param requestedAt when it was asked for
	 * @param requestedBy "customer", or "representative" when one asked on the customer's
	 * behalf
	 * @param steps every step, dated
	 */
	public record Mediation(long id, long conversationId, long customerId, String reason, @Nullable Long mediatorId,
			@Nullable String proposal, @Nullable Boolean customerAccepts, @Nullable Boolean companyAccepts,
			String status, Instant requestedAt, String requestedBy, List<Step> steps) {
	}

	/**
	 * A dated step.
	 *
	 * @param step "requested", "assigned", "proposed", "accepted-by-customer",
	 * "refused-by-customer", "accepted-by-company", "refused-by-company"
	 * @param by "customer", "representative", "company" or "mediator"
	 * @param agentId the agent who acted for the company or as mediator
	 * @param at when
	 */
	public record Step(String step, String by, @Nullable Long agentId, Instant at) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	Mediations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Mediator addMediator(String name, @Nullable String organisation, @Nullable String website,
			@Nullable String email, boolean external) {
		if (name == null || name.isBlank() || name.length() > 200) {
			throw Refusals.invalid("representation.mediator.name", "name: between 1 and 200 characters");
		}
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("insert into mediator (name, organisation, website, email, external, created_at) "
				+ "values (?, ?, ?, ?, ?, ?)")
			.params(name.strip(), organisation, website, email, external, Timestamp.from(clock.instant()))
			.update(key, "id");
		long id = key.getKey().longValue();
		return mediators().stream().filter(m -> m.id() == id).findFirst().orElseThrow();
	}

	/** The mediators, as the customer space publishes them. */
	public List<Mediator> mediators() {
		return jdbc.sql("select id, name, organisation, website, email, external from mediator order by name")
			.query((rs, n) -> new Mediator(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getBoolean(6)))
			.list();
	}

	/** A customer asks for mediation of one of their requests (checked by the caller). */
	@Transactional
	public Mediation request(long conversationId, long customerId, String reason) {
		return request(conversationId, customerId, reason, null);
	}

	/**
	 * The same, asked by a representative on the customer's behalf (checked by the
	 * caller) when {@code representativeId} is given.
	 */
	@Transactional
	public Mediation request(long conversationId, long customerId, String reason, @Nullable Long representativeId) {
		String why = reason == null ? "" : reason.strip();
		if (why.isEmpty() || why.length() > 4000) {
			throw Refusals.invalid("representation.mediation.reason", "reason: between 1 and 4000 characters");
		}
		boolean open = jdbc
			.sql("select count(*) from mediation where conversation_id = ? and status not in ('accepted', 'refused')")
			.param(conversationId)
			.query(Long.class)
			.single() > 0;
		if (open) {
			throw Refusals.conflict("representation.mediation.open", "A mediation of this request is under way");
		}
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		String by = representativeId == null ? "customer" : "representative";
		jdbc.sql(
				"insert into mediation (conversation_id, customer_id, reason, status, requested_by, representative_id, "
						+ "requested_at) values (?, ?, ?, 'requested', ?, ?, ?)")
			.params(conversationId, customerId, why, by, representativeId, Timestamp.from(clock.instant()))
			.update(key, "id");
		long id = key.getKey().longValue();
		step(id, "requested", by, null);
		return get(id);
	}

	/** The company gives the case to a mediator. */
	@Transactional
	public Mediation assign(long id, long mediatorId, long agentId) {
		if (mediators().stream().noneMatch(m -> m.id() == mediatorId)) {
			throw new NotFoundException("No mediator " + mediatorId);
		}
		move(id, "requested", "assigned", "mediator_id = " + mediatorId);
		step(id, "assigned", "company", agentId);
		return get(id);
	}

	/** The mediator proposes a resolution. */
	@Transactional
	public Mediation propose(long id, String proposal, @Nullable Long agentId) {
		String text = proposal == null ? "" : proposal.strip();
		if (text.isEmpty() || text.length() > 10_000) {
			throw Refusals.invalid("representation.mediation.proposal", "proposal: between 1 and 10000 characters");
		}
		int changed = jdbc
			.sql("update mediation set status = 'proposed', proposal = ? where id = ? and status = 'assigned'")
			.params(text, id)
			.update();
		if (changed == 0) {
			refuseMove(id);
		}
		step(id, "proposed", "mediator", agentId);
		return get(id);
	}

	/**
	 * One side decides on the proposal: accepted once both accept, refused once either
	 * refuses.
	 */
	@Transactional
	public Mediation decide(long id, boolean byCustomer, boolean accept, @Nullable Long agentId) {
		Mediation m = locked(id);
		if (!"proposed".equals(m.status())) {
			throw Refusals.conflict("representation.mediation.state",
					"This mediation is " + m.status() + ": not the step for that", m.status());
		}
		if ((byCustomer ? m.customerAccepts() : m.companyAccepts()) != null) {
			throw Refusals.conflict("representation.mediation.decided", "This side has decided already");
		}
		Boolean decided = Boolean.valueOf(accept);
		Boolean customer = byCustomer ? decided : m.customerAccepts();
		Boolean company = byCustomer ? m.companyAccepts() : decided;
		String status = Boolean.FALSE.equals(customer) || Boolean.FALSE.equals(company) ? "refused"
				: Boolean.TRUE.equals(customer) && Boolean.TRUE.equals(company) ? "accepted" : "proposed";
		jdbc.sql("update mediation set customer_accepts = ?, company_accepts = ?, status = ? where id = ?")
			.params(customer, company, status, id)
			.update();
		step(id, (accept ? "accepted-by-" : "refused-by-") + (byCustomer ? "customer" : "company"),
				byCustomer ? "customer" : "company", agentId);
		return get(id);
	}

	public Mediation get(long id) {
		return read(jdbc.sql("select * from mediation where id = ?").param(id)).stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No mediation " + id));
	}

	public List<Mediation> list() {
		return read(jdbc.sql("select * from mediation order by requested_at desc limit 200"));
	}

	public List<Mediation> ofCustomer(Collection<Long> profiles) {
		if (profiles.isEmpty()) {
			return List.of();
		}
		return read(jdbc.sql("select * from mediation where customer_id in (:ids) order by requested_at desc")
			.param("ids", profiles));
	}

	private Mediation locked(long id) {
		return read(jdbc.sql("select * from mediation where id = ? for update").param(id)).stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No mediation " + id));
	}

	private void move(long id, String from, String to, String also) {
		int changed = jdbc.sql("update mediation set status = ?, " + also + " where id = ? and status = ?")
			.params(to, id, from)
			.update();
		if (changed == 0) {
			refuseMove(id);
		}
	}

	private void refuseMove(long id) {
		Mediation m = get(id);
		throw Refusals.conflict("representation.mediation.state",
				"This mediation is " + m.status() + ": not the step for that", m.status());
	}

	private void step(long id, String step, String by, @Nullable Long agentId) {
		jdbc.sql("insert into mediation_step (mediation_id, step, by_whom, agent_id, at) values (?, ?, ?, ?, ?)")
			.params(id, step, by, agentId, Timestamp.from(clock.instant()))
			.update();
	}

	/** The rows read, then each one's steps: no query while a result set is open. */
	private List<Mediation> read(JdbcClient.StatementSpec query) {
		return query.query(Mediations::mediation).list().stream().map(this::withSteps).toList();
	}

	private Mediation withSteps(Mediation m) {
		List<Step> steps = jdbc
			.sql("select step, by_whom, agent_id, at from mediation_step where mediation_id = ? order by at, id")
			.param(m.id())
			.query((r, i) -> new Step(r.getString(1), r.getString(2), r.getObject(3, Long.class),
					r.getTimestamp(4).toInstant()))
			.list();
		return new Mediation(m.id(), m.conversationId(), m.customerId(), m.reason(), m.mediatorId(), m.proposal(),
				m.customerAccepts(), m.companyAccepts(), m.status(), m.requestedAt(), m.requestedBy(), steps);
	}

	private static Mediation mediation(ResultSet rs, int n) throws SQLException {
		long id = rs.getLong("id");
		List<Step> steps = List.of();
		return new Mediation(id, rs.getLong("conversation_id"), rs.getLong("customer_id"), rs.getString("reason"),
				rs.getObject("mediator_id", Long.class), rs.getString("proposal"),
				rs.getObject("customer_accepts", Boolean.class), rs.getObject("company_accepts", Boolean.class),
				rs.getString("status"), rs.getTimestamp("requested_at").toInstant(), rs.getString("requested_by"),
				steps);
	}

}
