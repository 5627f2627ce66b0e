package org.parlons.customers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.parlons.platform.Sentences;
import org.jspecify.annotations.Nullable;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.Json;
import org.parlons.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * Merges two profiles into one and takes a merge back. The merged profile is kept,
 * pointing at the survivor; what moved (identities, tags, attributes, earlier aliases) is
 * written down so that the undo restores exactly the state before.
 */
@Service
public class CustomerMerges {

	/**
	 * A merge of two profiles, undone or in force.
	 *
	 * @param id its number
	 * @param survivorId the profile kept
	 * @param mergedId the profile absorbed
	 * @param performedBy who merged
	 * @param performedAt when
	 * @param undoneAt when it was undone, if it was
	 */
	public record Merge(long id, long survivorId, long mergedId, @Nullable Long performedBy, Instant performedAt,
			@Nullable Instant undoneAt) {

		public boolean inForce() {
			return undoneAt == null;
		}

	}

	/** What a merge moved from the merged profile to the survivor. */
	record Moved(List<Long> identityIds, List<String> tags, Map<String, Object> attributes, List<Long> aliasIds) {
	}

	private final JdbcClient jdbc;

	private final Customers customers;

	private final CustomerHistory history;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Sentences sentences;

	CustomerMerges(Sentences sentences, JdbcClient jdbc, Customers customers, CustomerHistory history,
			ApplicationEventPublisher events, Clock clock) {
		this.sentences = sentences;
		this.jdbc = jdbc;
		this.customers = customers;
		this.history = history;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Merge merge(long survivorId, long mergedId, long actorId) {
		if (survivorId == mergedId) {
			throw InvalidRequestException.said("customers.refused.mergeSelf", "A profile cannot be merged into itself");
		}
		lockInOrder(survivorId, mergedId);
		Customer survivor = live(survivorId);
		Customer merged = live(mergedId);
		List<Long> identityIds = merged.identities().stream().map(Customer.StoredIdentity::id).toList();
		List<String> tags = merged.tags().stream().filter(t -> !survivor.tags().contains(t)).toList();
		Map<String, Object> attributes = new LinkedHashMap<>();
		merged.attributes().forEach((k, v) -> {
			if (!survivor.attributes().containsKey(k)) {
				attributes.put(k, v);
			}
		});
		List<Long> aliases = jdbc.sql("select id from customer where merged_into = ?")
			.param(mergedId)
			.query(Long.class)
			.list();

		move(identityIds, survivorId);
		tags.forEach(t -> customers.tag(survivorId, t));
		if (!attributes.isEmpty()) {
			Map<String, Object> all = new LinkedHashMap<>(survivor.attributes());
			all.putAll(attributes);
			customers.putAttributes(survivorId, all);
		}
		repoint(aliases, survivorId);
		repoint(List.of(mergedId), survivorId);
		if (survivor.name() == null && merged.name() != null) {
			customers.rename(survivorId, merged.name());
		}

		Instant now = clock.instant();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into customer_merge (survivor_id, merged_id, moved, performed_by, performed_at) "
				+ "values (?, ?, ?, ?, ?)")
			.params(survivorId, mergedId, Json.write(new Moved(identityIds, tags, attributes, aliases)), actorId,
					Timestamp.from(now))
			.update(keys, "id");
		long mergeId = keys.getKey().longValue();
		history.record(survivorId, "merged", sentences.english("history.absorbed", merged.displayName(),
				String.valueOf(mergedId), String.valueOf(mergeId)), actorId);
		history.record(mergedId, "merged-into",
				sentences.english("history.mergedInto", String.valueOf(survivorId), String.valueOf(mergeId)), actorId);
		events.publishEvent(new CustomerMerged(mergeId, survivorId, mergedId, actorId));
		return find(mergeId).orElseThrow();
	}

	@Transactional
	public Merge undo(long mergeId, long actorId) {
		Merge merge = find(mergeId).orElseThrow(() -> new NotFoundException("No merge " + mergeId));
		if (!merge.inForce()) {
			throw InvalidRequestException.conflict("Merge " + mergeId + " was already undone");
		}
		lockInOrder(merge.survivorId(), merge.mergedId());
		long later = jdbc
			.sql("select count(*) from customer_merge where id > :id and undone_at is null "
					+ "and (survivor_id = any(:ids) or merged_id = any(:ids))")
			.param("id", mergeId)
			.param("ids", new Long[] { merge.survivorId(), merge.mergedId() })
			.query(Long.class)
			.single();
		if (later > 0) {
			throw InvalidRequestException.conflict("These profiles took part in a later merge; undo that one first");
		}
		Moved moved = moved(mergeId);
		move(moved.identityIds(), merge.mergedId());
		moved.tags().forEach(t -> customers.untag(merge.survivorId(), t));
		if (!moved.attributes().isEmpty()) {
			Map<String, Object> attributes = new LinkedHashMap<>(live(merge.survivorId()).attributes());
			moved.attributes().keySet().forEach(attributes::remove);
			customers.putAttributes(merge.survivorId(), attributes);
		}
		jdbc.sql("update customer set merged_into = null where id = ?").param(merge.mergedId()).update();
		repoint(moved.aliasIds(), merge.mergedId());
		jdbc.sql("update customer_merge set undone_by = ?, undone_at = ? where id = ?")
			.params(actorId, Timestamp.from(clock.instant()), mergeId)
			.update();
		history.record(merge.survivorId(), "merge-undone",
				sentences.english("history.apartAgain", String.valueOf(merge.mergedId()), String.valueOf(mergeId)),
				actorId);
		history.record(merge.mergedId(), "merge-undone",
				sentences.english("history.separatedFrom", String.valueOf(merge.survivorId()), String.valueOf(mergeId)),
				actorId);
		events.publishEvent(new CustomerMergeUndone(mergeId, merge.survivorId(), merge.mergedId(), actorId));
		return find(mergeId).orElseThrow();
	}

	public Optional<Merge> find(long mergeId) {
		return jdbc
			.sql("select id, survivor_id, merged_id, performed_by, performed_at, undone_at from customer_merge "
					+ "where id = ?")
			.param(mergeId)
			.query(CustomerMerges::map)
			.optional();
	}

	public List<Merge> involving(long customerId) {
		return jdbc
			.sql("select id, survivor_id, merged_id, performed_by, performed_at, undone_at from customer_merge "
					+ "where survivor_id = ? or merged_id = ? order by id desc")
			.params(customerId, customerId)
			.query(CustomerMerges::map)
			.list();
	}

	private Customer live(long id) {
		Customer customer = customers.findById(id).orElseThrow(() -> new NotFoundException("No customer " + id));
		if (customer.isMerged()) {
			throw InvalidRequestException
				.conflict("Customer " + id + " is already merged into " + customer.mergedInto());
		}
		return customer;
	}

	private void lockInOrder(long a, long b) {
		customers.lock(Math.min(a, b));
		customers.lock(Math.max(a, b));
	}

	private void move(List<Long> identityIds, long to) {
		if (!identityIds.isEmpty()) {
			jdbc.sql("update customer_identity set customer_id = :to where id = any(:ids)")
				.param("to", to)
				.param("ids", identityIds.toArray(Long[]::new))
				.update();
		}
	}

	private void repoint(List<Long> customerIds, long to) {
		if (!customerIds.isEmpty()) {
			jdbc.sql("update customer set merged_into = :to where id = any(:ids)")
				.param("to", to)
				.param("ids", customerIds.toArray(Long[]::new))
				.update();
		}
	}

	private Moved moved(long mergeId) {
		String json = jdbc.sql("select moved from customer_merge where id = ?")
			.param(mergeId)
			.query(String.class)
			.single();
		return Json.read(json, new TypeReference<Moved>() {
		});
	}

	private static Merge map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Timestamp undone = rs.getTimestamp(6);
		return new Merge(rs.getLong(1), rs.getLong(2), rs.getLong(3), (Long) rs.getObject(4, Long.class),
				rs.getTimestamp(5).toInstant(), undone == null ? null : undone.toInstant());
	}

}
