package org.parlons.customers;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers who belong together: a company and its employees, a household, a section of a
 * cooperative. A customer belongs to one organisation at most, as a member or as one of
 * its admins. Whether its admins may read their members' requests in their own space is
 * the company's choice, organisation by organisation, and off until chosen.
 */
@Service
public class Organisations {

	public static final int MAX_NAME = 200;

	/**
	 * An organisation.
	 *
	 * @param id its number
	 * @param name what it is called
	 * @param sharesRequests whether its admins may read their members' requests
	 */
	public record Organisation(long id, String name, boolean sharesRequests) {
	}

	/**
	 * A customer's place in an organisation.
	 *
	 * @param customerId the customer (their live profile when they joined)
	 * @param organisationId the organisation
	 * @param role "member" or "admin"
	 */
	public record Membership(long customerId, long organisationId, String role) {

		public boolean admin() {
			return "admin".equals(role);
		}

	}

	private final JdbcClient jdbc;

	private final Customers customers;

	private final Clock clock;

	Organisations(JdbcClient jdbc, Customers customers, Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.clock = clock;
	}

	@Transactional
	public Organisation create(String name, boolean sharesRequests) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into organisation (name, shares_requests, created_at) values (?, ?, ?)")
			.params(checkedName(name), sharesRequests, Timestamp.from(clock.instant()))
			.update(keys, "id");
		return find(keys.getKey().longValue()).orElseThrow();
	}

	@Transactional
	public Organisation update(long id, @Nullable String name, @Nullable Boolean sharesRequests) {
		Organisation o = require(id);
		jdbc.sql("update organisation set name = ?, shares_requests = ? where id = ?")
			.params(name == null ? o.name() : checkedName(name),
					sharesRequests == null ? o.sharesRequests() : sharesRequests, id)
			.update();
		return require(id);
	}

	public Optional<Organisation> find(long id) {
		return jdbc.sql("select id, name, shares_requests from organisation where id = ?")
			.param(id)
			.query((rs, n) -> new Organisation(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
			.optional();
	}

	/**
	 * The organisation of that name, whatever its case and spacing, made (without shared
	 * requests) when there is none: what an import of people and their employers needs.
	 */
	@Transactional
	public Organisation named(String name) {
		String clean = checkedName(name).replaceAll("\\s+", " ");
		return jdbc
			.sql("select id, name, shares_requests from organisation where lower(name) = ? order by id "
					+ "fetch first 1 rows only")
			.param(clean.toLowerCase(Locale.ROOT))
			.query((rs, n) -> new Organisation(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
			.optional()
			.orElseGet(() -> create(clean, false));
	}

	/** The names of these organisations, by number. */
	public java.util.Map<Long, String> names(java.util.Collection<Long> ids) {
		java.util.Map<Long, String> names = new java.util.HashMap<>();
		if (!ids.isEmpty()) {
			jdbc.sql("select id, name from organisation where id = any(:ids)")
				.param("ids", ids.toArray(Long[]::new))
				.query((rs, n) -> names.put(rs.getLong(1), rs.getString(2)))
				.list();
		}
		return names;
	}

	public List<Organisation> all() {
		return jdbc.sql("select id, name, shares_requests from organisation order by name, id")
			.query((rs, n) -> new Organisation(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
			.list();
	}

	public List<Membership> members(long organisationId) {
		require(organisationId);
		return jdbc
			.sql("select customer_id, organisation_id, role from organisation_member where organisation_id = ? "
					+ "order by role, customer_id")
			.param(organisationId)
			.query((rs, n) -> new Membership(rs.getLong(1), rs.getLong(2), rs.getString(3)))
			.list();
	}

	/**
	 * Puts a customer (their live profile) in an organisation as "member" or "admin",
	 * leaving any other they were in.
	 */
	@Transactional
	public Membership join(long organisationId, long customerId, String role) {
		require(organisationId);
		if (customers.findById(customerId).isEmpty()) {
			throw new NotFoundException("No customer " + customerId);
		}
		String as = role == null ? "" : role.strip().toLowerCase(Locale.ROOT);
		if (!as.equals("member") && !as.equals("admin")) {
			throw Refusals.invalid("organisations.role", "A role in an organisation is member or admin");
		}
		long current = customers.current(customerId);
		jdbc.sql("delete from organisation_member where customer_id in (:ids)")
			.param("ids", customers.aliasesOf(current))
			.update();
		jdbc.sql("insert into organisation_member (customer_id, organisation_id, role, joined_at) values (?, ?, ?, ?)")
			.params(current, organisationId, as, Timestamp.from(clock.instant()))
			.update();
		return new Membership(current, organisationId, as);
	}

	@Transactional
	public void leave(long organisationId, long customerId) {
		jdbc.sql("delete from organisation_member where organisation_id = :org and customer_id in (:ids)")
			.param("org", organisationId)
			.param("ids", customers.aliasesOf(customers.current(customerId)))
			.update();
	}

	/** The organisation of a customer (any of their merged profiles), if any. */
	public Optional<Membership> ofCustomer(long customerId) {
		return jdbc
			.sql("select customer_id, organisation_id, role from organisation_member where customer_id in (:ids)")
			.param("ids", customers.aliasesOf(customers.current(customerId)))
			.query((rs, n) -> new Membership(rs.getLong(1), rs.getLong(2), rs.getString(3)))
			.list()
			.stream()
			.findFirst();
	}

	/**
	 * The profiles whose requests a customer may read beside their own: every profile of
	 * every other member of their organisation, when they are one of its admins and the
	 * company lets it share requests; none otherwise.
	 */
	public Set<Long> sharedWith(long customerId) {
		Optional<Membership> mine = ofCustomer(customerId);
		if (mine.isEmpty() || !mine.get().admin()
				|| !find(mine.get().organisationId()).map(Organisation::sharesRequests).orElse(false)) {
			return Set.of();
		}
		Set<Long> profiles = new LinkedHashSet<>();
		for (Membership m : members(mine.get().organisationId())) {
			profiles.addAll(customers.aliasesOf(customers.current(m.customerId())));
		}
		profiles.removeAll(customers.aliasesOf(customers.current(customerId)));
		return profiles;
	}

	private Organisation require(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("No organisation " + id));
	}

	private static String checkedName(String name) {
		String clean = name == null ? "" : name.strip();
		if (clean.isEmpty() || clean.length() > MAX_NAME) {
			throw Refusals.invalid("organisations.name",
					"An organisation's name needs between 1 and " + MAX_NAME + " characters", MAX_NAME);
		}
		return clean;
	}

}
