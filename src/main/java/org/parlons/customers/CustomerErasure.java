package org.parlons.customers;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a customer's personal data and keeps their place in the books: the profile rows
 * stay (conversations, contracts and counts still point at them) but lose their name,
 * attributes, tags, notes and history, and their identities are let go, so the next
 * message from the same address starts a new profile. Other modules scrub what they keep
 * on hearing {@link CustomerErasing}, in the same transaction.
 */
@Service
public class CustomerErasure {

	private final JdbcClient jdbc;

	private final Customers customers;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CustomerErasure(JdbcClient jdbc, Customers customers, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Erases the live profile of this id and every profile merged into it; answers them.
	 */
	@Transactional
	public Set<Long> erase(long customerId) {
		long current = customers.current(customerId);
		Set<Long> profiles = customers.aliasesOf(current);
		customers.lockAll(profiles);
		List<Identity> identities = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (long id : profiles) {
			customers.identities(id).forEach(i -> identities.add(i.identity()));
			customers.findById(id).map(Customer::name).filter(n -> n != null && !n.isBlank()).ifPresent(names::add);
		}
		events.publishEvent(new CustomerErasing(current, profiles, identities, names));
		Long[] ids = profiles.toArray(Long[]::new);
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("update customer set name = null, attributes = '{}', erased_at = :now, updated_at = :now "
				+ "where id = any(:ids)")
			.param("now", now)
			.param("ids", ids)
			.update();
		for (String table : List.of("customer_identity", "customer_tag", "customer_note", "customer_event",
				"organisation_member")) {
			jdbc.sql("delete from " + table + " where customer_id = any(:ids)").param("ids", ids).update();
		}
		jdbc.sql("update customer_merge set moved = '[]' where survivor_id = any(:ids) or merged_id = any(:ids)")
			.param("ids", ids)
			.update();
		jdbc.sql(
				"insert into customer_event (customer_id, type, detail, actor_id, created_at) values (?, ?, ?, null, ?)")
			.params(current, "erased", null, now)
			.update();
		return profiles;
	}

	/** Whether this profile's personal data was erased. */
	public boolean erased(long customerId) {
		return jdbc.sql("select erased_at from customer where id = ?")
			.param(customers.current(customerId))
			.query((rs, n) -> rs.getTimestamp(1) != null)
			.optional()
			.orElse(false);
	}

}
