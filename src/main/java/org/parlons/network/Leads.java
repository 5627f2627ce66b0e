package org.parlons.network;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.CustomerProfiles;
import org.parlons.customers.Customers;
import org.parlons.customers.Organisations;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Prospect lists: the people working at an organisation, or people named one by one, each
 * with the strongest path the network had to them when listed, the reachable first.
 * Converting a lead links it to its customer profile and tags that profile a customer.
 */
@Service
public class Leads {

	public static final int MAX_LIST_NAME = 200;

	public static final int MAX_PEOPLE = 500;

	/** The tag a converted lead's profile gets. */
	public static final String CUSTOMER_TAG = "customer";

	/**
	 * A lead.
	 *
	 * @param id its number
	 * @param list the list it is on
	 * @param customerId the person
	 * @param name their name
	 * @param organisationId where they work, when the list was made from it
	 * @param path the strongest path when listed, its steps named as they are called
	 * today; none when the network does not reach them
	 * @param strength that path's strength
	 * @param status open, converted or dropped
	 * @param createdAt when it was listed
	 */
	public record Lead(long id, String list, long customerId, String name, @Nullable Long organisationId,
			@Nullable String path, @Nullable Double strength, String status, Instant createdAt) {
	}

	private final JdbcClient jdbc;

	private final Paths paths;

	private final Employments employments;

	private final Organisations organisations;

	private final Customers customers;

	private final CustomerProfiles profiles;

	private final Clock clock;

	Leads(JdbcClient jdbc, Paths paths, Employments employments, Organisations organisations, Customers customers,
			CustomerProfiles profiles, Clock clock) {
		this.jdbc = jdbc;
		this.paths = paths;
		this.employments = employments;
		this.organisations = organisations;
		this.customers = customers;
		this.profiles = profiles;
		this.clock = clock;
	}

	/**
	 * Lists the people of the organisation and those named; answers how many were added
	 * (someone already on the list stays as they are).
	 */
	@Transactional
	public int list(String listName, @Nullable Long organisationId, List<Long> customerIds) {
		String name = listName == null ? "" : listName.strip();
		if (name.isEmpty() || name.length() > MAX_LIST_NAME) {
			throw Refusals.invalid("network.lead.list",
					"A lead list's name needs between 1 and " + MAX_LIST_NAME + " characters", MAX_LIST_NAME);
		}
		Set<Long> people = new LinkedHashSet<>();
		if (organisationId != null) {
			if (organisations.find(organisationId).isEmpty()) {
				throw NotFoundException.said("organisations.unknown", "No organisation " + organisationId,
						String.valueOf(organisationId));
			}
			employments.at(organisationId).forEach(e -> people.add(customers.current(e.customerId())));
		}
		for (Long id : customerIds) {
			if (customers.findById(id).isEmpty()) {
				throw NotFoundException.said("customer.unknown", "No customer " + id, String.valueOf(id));
			}
			people.add(customers.current(id));
		}
		if (people.size() > MAX_PEOPLE) {
			throw Refusals.invalid("network.lead.tooMany",
					"A lead list takes at most " + MAX_PEOPLE + " people at once", MAX_PEOPLE);
		}
		int added = 0;
		Timestamp now = Timestamp.from(clock.instant());
		for (Long person : people) {
			List<Paths.Path> best = paths.to(person, 1);
			String path = best.isEmpty() ? null : Paths.keyOf(best.get(0));
			added += jdbc
				.sql("insert into network_lead (list_name, customer_id, organisation_id, path, strength, "
						+ "status, created_at) values (?, ?, ?, ?, ?, 'open', ?) on conflict do nothing")
				.params(name, person, organisationId, path, best.isEmpty() ? null : best.get(0).strength(), now)
				.update();
		}
		return added;
	}

	/** The leads of a list (or of every list), the reachable and strongest first. */
	public List<Lead> of(@Nullable String listName) {
		List<Object[]> rows = jdbc
			.sql("select id, list_name, customer_id, organisation_id, path, strength, status, created_at "
					+ "from network_lead" + (listName == null ? "" : " where list_name = :list")
					+ " order by case when strength is null then 1 else 0 end, strength desc, id")
			.params(listName == null ? Map.of() : Map.of("list", listName.strip()))
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getObject(4, Long.class),
					rs.getString(5), rs.getObject(6, Double.class), rs.getString(7), rs.getTimestamp(8).toInstant() })
			.list();
		Set<Long> people = new HashSet<>();
		rows.forEach(r -> people.add((Long) r[2]));
		Map<Long, Customers.Summary> names = customers.summaries(people);
		List<Lead> leads = new ArrayList<>();
		for (Object[] r : rows) {
			Customers.Summary s = names.get((Long) r[2]);
			leads.add(new Lead((Long) r[0], (String) r[1], s == null ? (Long) r[2] : s.currentId(),
					s == null ? "#" + r[2] : s.displayName(), (Long) r[3],
					r[4] == null ? null : paths.said((String) r[4]), (Double) r[5], (String) r[6], (Instant) r[7]));
		}
		return leads;
	}

	/** The names of the lists. */
	public List<String> lists() {
		return jdbc.sql("select distinct list_name from network_lead order by list_name").query(String.class).list();
	}

	/** Converts the lead: its profile becomes a customer; answers the profile. */
	@Transactional
	public long convert(long leadId, long agentId) {
		Object[] lead = jdbc.sql("select customer_id, status from network_lead where id = ? for update")
			.param(leadId)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) })
			.optional()
			.orElseThrow(
					() -> NotFoundException.said("network.lead.unknown", "No lead " + leadId, String.valueOf(leadId)));
		if (!"open".equals(lead[1])) {
			throw Refusals.conflict("network.lead.closed", "Lead " + leadId + " is " + lead[1], leadId, lead[1]);
		}
		long customer = customers.current((Long) lead[0]);
		profiles.tag(customer, CUSTOMER_TAG, agentId);
		jdbc.sql("update network_lead set status = 'converted', customer_id = ?, converted_at = ?, converted_by = ? "
				+ "where id = ?")
			.params(customer, Timestamp.from(clock.instant()), agentId, leadId)
			.update();
		return customer;
	}

	/** Drops the lead from its list's open ones. */
	@Transactional
	public void drop(long leadId) {
		int changed = jdbc.sql("update network_lead set status = 'dropped' where id = ? and status = 'open'")
			.param(leadId)
			.update();
		if (changed == 0) {
			throw NotFoundException.said("network.lead.unknown", "No open lead " + leadId, String.valueOf(leadId));
		}
	}

	void forget(Set<Long> profileIds) {
		if (!profileIds.isEmpty()) {
			jdbc.sql("delete from network_lead where customer_id = any(:ids)")
				.param("ids", profileIds.toArray(Long[]::new))
				.update();
		}
	}

}
