package org.parlons.customers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Batches;
import org.parlons.platform.Json;
import org.parlons.platform.Page;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The customer profiles and their identities.
 */
@Repository
public class Customers {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	Customers(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.clock = clock;
	}

	public Optional<Customer> findById(long id) {
		return jdbc.sql("select id, name, attributes, merged_into, created_at from customer where id = ?")
			.param(id)
			.query((rs, n) -> new Customer(rs.getLong(1), rs.getString(2), Json.readMap(rs.getString(3)), tags(id),
					identities(id), (Long) rs.getObject(4, Long.class), rs.getTimestamp(5).toInstant()))
			.optional();
	}

	/** The live profile for an id: itself, or the profile it was merged into. */
	public long current(long id) {
		Long into = jdbc.sql("select merged_into from customer where id = ?")
			.param(id)
			.query(Long.class)
			.optional()
			.orElse(null);
		return into == null ? id : into;
	}

	/**
	 * The profile itself and every profile merged into it: the ids its history is stored
	 * under.
	 */
	public Set<Long> aliasesOf(long id) {
		Set<Long> ids = new LinkedHashSet<>();
		ids.add(id);
		ids.addAll(jdbc.sql("select id from customer where merged_into = ?").param(id).query(Long.class).list());
		return ids;
	}

	public Optional<Long> findByIdentity(Identity identity) {
		return jdbc
			.sql("select c.id, c.merged_into from customer_identity i join customer c on c.id = i.customer_id "
					+ "where i.kind = ? and i.namespace = ? and i.identity_value = ?")
			.params(identity.kind().name(), identity.namespace(), identity.value())
			.query((rs, n) -> {
				long into = rs.getLong(2);
				return rs.wasNull() ? rs.getLong(1) : into;
			})
			.optional();
	}

	/**
	 * The live profile behind each identity that is known, in one query per kind and
	 * namespace.
	 */
	public Map<Identity, Long> findByIdentities(Collection<Identity> identities) {
		Map<Identity, Long> found = new HashMap<>();
		Map<List<String>, List<String>> byNamespace = new LinkedHashMap<>();
		for (Identity identity : identities) {
			byNamespace.computeIfAbsent(List.of(identity.kind().name(), identity.namespace()), k -> new ArrayList<>())
				.add(identity.value());
		}
		// One probe of the unique key per value (see Messages.findIds): the profile
		// holding it, or the one it was merged into.
		byNamespace.forEach((key, values) -> jdbc
			.sql("select k.v, (select coalesce(c.merged_into, c.id) from customer_identity i join customer c "
					+ "on c.id = i.customer_id where i.identity_value = k.v and i.kind = :kind and i.namespace = :namespace) "
					+ "from unnest(:values) k(v)")
			.param("kind", key.get(0))
			.param("namespace", key.get(1))
			.param("values", values.toArray(String[]::new))
			.query((rs, n) -> {
				long current = rs.getLong(2);
				return rs.wasNull() ? null : found
					.put(new Identity(Identity.Kind.valueOf(key.get(0)), key.get(1), rs.getString(1)), current);
			})
			.list());
		return found;
	}

	/**
	 * Creates one profile per name, in one batch; the new ids come back in the same
	 * order.
	 */
	public List<Long> createAll(List<@Nullable String> names) {
		Timestamp now = Timestamp.from(clock.instant());
		return Batches.insert(jdbcTemplate,
				"insert into customer (name, attributes, created_at, updated_at) values (?, '{}', ?, ?)", names.size(),
				(ps, i) -> {
					ps.setString(1, names.get(i));
					ps.setTimestamp(2, now);
					ps.setTimestamp(3, now);
				});
	}

	/**
	 * Attaches identities to profiles in one batch, skipping any that another profile
	 * holds meanwhile (a concurrent transaction created it: the insert waits for it, then
	 * does nothing). Answers the identities that were not attached.
	 */
	public List<Map.Entry<Long, Identity>> addIdentitiesIfFree(List<Map.Entry<Long, Identity>> identities) {
		if (identities.isEmpty()) {
			return List.of();
		}
		Timestamp now = Timestamp.from(clock.instant());
		int[][] counts = jdbcTemplate.batchUpdate(
				"insert into customer_identity (customer_id, kind, namespace, identity_value, created_at) values (?, ?, ?, ?, ?) "
						+ "on conflict do nothing",
				identities, identities.size(), (ps, entry) -> {
					ps.setLong(1, entry.getKey());
					ps.setString(2, entry.getValue().kind().name());
					ps.setString(3, entry.getValue().namespace());
					ps.setString(4, entry.getValue().value());
					ps.setTimestamp(5, now);
				});
		List<Map.Entry<Long, Identity>> skipped = new ArrayList<>();
		int i = 0;
		for (int[] chunk : counts) {
			for (int count : chunk) {
				if (count == 0) {
					skipped.add(identities.get(i));
				}
				i++;
			}
		}
		return skipped;
	}

	/**
	 * Folds a profile created moments ago in this transaction into an existing one: its
	 * identities move over and it disappears, as if the existing one had been found in
	 * the first place.
	 */
	public void foldNewInto(long created, long existing) {
		jdbc.sql("update customer_identity set customer_id = ? where customer_id = ?")
			.params(existing, created)
			.update();
		jdbc.sql("delete from customer where id = ?").param(created).update();
	}

	public long create(@Nullable String name) {
		Instant now = clock.instant();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into customer (name, attributes, created_at, updated_at) values (?, '{}', ?, ?)")
			.params(name, Timestamp.from(now), Timestamp.from(now))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void addIdentity(long customerId, Identity identity) {
		jdbc.sql(
				"insert into customer_identity (customer_id, kind, namespace, identity_value, created_at) values (?, ?, ?, ?, ?)")
			.params(customerId, identity.kind().name(), identity.namespace(), identity.value(),
					Timestamp.from(clock.instant()))
			.update();
	}

	/** Moves one identity from a profile to another. */
	public void moveIdentity(long identityId, long from, long to) {
		jdbc.sql("update customer_identity set customer_id = ? where id = ? and customer_id = ?")
			.params(to, identityId, from)
			.update();
	}

	public void rename(long customerId, String name) {
		jdbc.sql("update customer set name = ?, updated_at = ? where id = ?")
			.params(name, Timestamp.from(clock.instant()), customerId)
			.update();
	}

	public void putAttributes(long customerId, Map<String, Object> attributes) {
		jdbc.sql("update customer set attributes = ?, updated_at = ? where id = ?")
			.params(Json.write(attributes), Timestamp.from(clock.instant()), customerId)
			.update();
	}

	public void tag(long customerId, String tag) {
		jdbc.sql("insert into customer_tag (customer_id, tag) values (?, ?) on conflict do nothing")
			.params(customerId, tag)
			.update();
	}

	public void untag(long customerId, String tag) {
		jdbc.sql("delete from customer_tag where customer_id = ? and tag = ?").params(customerId, tag).update();
	}

	public List<Customer.StoredIdentity> identities(long customerId) {
		return jdbc
			.sql("select id, kind, namespace, identity_value from customer_identity where customer_id = ? order by id")
			.param(customerId)
			.query((rs, n) -> new Customer.StoredIdentity(rs.getLong(1),
					new Identity(Identity.Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4))))
			.list();
	}

	public Set<String> tags(long customerId) {
		return new LinkedHashSet<>(jdbc.sql("select tag from customer_tag where customer_id = ? order by tag")
			.param(customerId)
			.query(String.class)
			.list());
	}

	/**
	 * A profile as a list shows it: the live profile behind an id and its display name.
	 */
	public record Summary(long currentId, String displayName) {
	}

	/**
	 * For each id, the live profile it stands for now (itself or the survivor of a
	 * merge).
	 */
	public Map<Long, Summary> summaries(Collection<Long> ids) {
		Map<Long, Summary> result = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return result;
		}
		jdbc.sql("select c.id, coalesce(c.merged_into, c.id), coalesce(s.name, c.name), "
				+ "(select i.identity_value from customer_identity i where i.customer_id = coalesce(c.merged_into, c.id) "
				+ "and i.namespace not like '" + Identity.ANONYMOUS_PREFIX
				+ "%' order by case i.kind when 'EMAIL' then 0 "
				+ "when 'PHONE' then 1 when 'HANDLE' then 2 else 3 end, i.id limit 1) "
				+ "from customer c left join customer s on s.id = c.merged_into where c.id = any(:ids)")
			.param("ids", ids.toArray(Long[]::new))
			.query((rs, n) -> {
				long current = rs.getLong(2);
				String name = rs.getString(3) != null ? rs.getString(3)
						: rs.getString(4) != null ? rs.getString(4) : "#" + current;
				return result.put(rs.getLong(1), new Summary(current, name));
			})
			.list();
		return result;
	}

	public Page<Customer> search(@Nullable String query, int page, int size) {
		String like = query == null || query.isBlank() ? null : "%" + query.trim().toLowerCase() + "%";
		String where = " from customer c where c.merged_into is null" + (like == null ? ""
				: " and (lower(c.name) like :q or exists (select 1 from customer_identity i where i.customer_id = c.id "
						+ "and i.identity_value like :q))");
		var countSpec = jdbc.sql("select count(*)" + where);
		var listSpec = jdbc.sql("select c.id" + where + " order by c.id desc limit :size offset :offset");
		if (like != null) {
			countSpec = countSpec.param("q", like);
			listSpec = listSpec.param("q", like);
		}
		long total = countSpec.query(Long.class).single();
		List<Long> ids = listSpec.param("size", size).param("offset", (long) page * size).query(Long.class).list();
		List<Customer> items = new ArrayList<>();
		ids.forEach(id -> findById(id).ifPresent(items::add));
		return new Page<>(items, total, page, size);
	}

	/**
	 * The customers a search box means, at most {@code limit}: a name or an identity
	 * (email, handle with or without its "@") containing the words, or a phone number
	 * however it is typed (its last nine digits); merged profiles included, so their
	 * conversations are found too.
	 */
	public List<Long> matching(String query, int limit) {
		String clean = query.strip().toLowerCase(java.util.Locale.ROOT);
		if (clean.startsWith("@")) {
			clean = clean.substring(1);
		}
		if (clean.length() < 2) {
			return List.of();
		}
		String digits = clean.replaceAll("[^0-9]", "");
		boolean phone = clean.matches("[+0-9 ().-]{6,}") && digits.length() >= 6;
		String like = "%" + clean + "%";
		String phoneLike = "%" + (digits.length() > 9 ? digits.substring(digits.length() - 9) : digits) + "%";
		List<Long> live = jdbc
			.sql("select c.id from customer c where lower(c.name) like :q or exists (select 1 "
					+ "from customer_identity i where i.customer_id = c.id and (lower(i.identity_value) like :q"
					+ (phone ? " or i.identity_value like :phone" : "") + ")) order by c.id desc limit :limit")
			.param("q", like)
			.param("phone", phoneLike)
			.param("limit", limit)
			.query(Long.class)
			.list();
		return List.copyOf(new java.util.LinkedHashSet<>(live));
	}

	/**
	 * Other live profiles that may be the same person: the same name (whatever the case),
	 * or an email address with the same name before the "@" at another provider
	 * (camille.durand@gmail.com, camille.durand@orange.fr; five characters at least); at
	 * most {@code limit}, newest first. A phone number is held by one profile only, so it
	 * never makes a duplicate.
	 */
	public List<Customer> duplicatesOf(Customer customer, int limit) {
		List<String> locals = customer.identities()
			.stream()
			.map(Customer.StoredIdentity::identity)
			.filter(i -> i.kind() == Identity.Kind.EMAIL && i.value().indexOf('@') >= 5)
			.map(i -> i.value().substring(0, i.value().indexOf('@') + 1).toLowerCase(java.util.Locale.ROOT))
			.distinct()
			.toList();
		String name = customer.name() == null ? "" : customer.name().strip().toLowerCase(java.util.Locale.ROOT);
		if (name.isEmpty() && locals.isEmpty()) {
			return List.of();
		}
		StringBuilder sql = new StringBuilder("select c.id from customer c where c.merged_into is null and c.id <> :id "
				+ "and (" + (name.isEmpty() ? "1 = 0" : "lower(c.name) = :name"));
		for (int i = 0; i < locals.size(); i++) {
			sql.append(" or exists (select 1 from customer_identity i where i.customer_id = c.id and i.kind = 'EMAIL' "
					+ "and lower(i.identity_value) like :local")
				.append(i)
				.append(")");
		}
		sql.append(") order by c.id desc limit :limit");
		var spec = jdbc.sql(sql.toString()).param("id", customer.id()).param("name", name).param("limit", limit);
		for (int i = 0; i < locals.size(); i++) {
			spec = spec.param("local" + i, locals.get(i).replace("%", "\\%").replace("_", "\\_") + "%");
		}
		List<Customer> out = new ArrayList<>();
		spec.query(Long.class).list().forEach(id -> findById(id).ifPresent(out::add));
		return out;
	}

	/** For each live profile, itself and every profile merged into it. */
	public Map<Long, Set<Long>> aliasesOfEach(Collection<Long> ids) {
		Map<Long, Set<Long>> aliases = new HashMap<>();
		for (Long id : ids) {
			aliases.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(id);
		}
		if (!ids.isEmpty()) {
			jdbc.sql("select merged_into, id from customer where merged_into = any(:ids)")
				.param("ids", ids.toArray(Long[]::new))
				.query((rs, n) -> aliases.get(rs.getLong(1)).add(rs.getLong(2)))
				.list();
		}
		return aliases;
	}

	/**
	 * Takes the row locks of several customers, in id order so that two callers cannot
	 * deadlock.
	 */
	public void lockAll(Collection<Long> customerIds) {
		if (!customerIds.isEmpty()) {
			jdbc.sql("select id from customer where id = any(:ids) order by id for update")
				.param("ids", customerIds.toArray(Long[]::new))
				.query(Long.class)
				.list();
		}
	}

	/**
	 * Takes the row lock that serialises everything done for one customer (threading,
	 * merges).
	 */
	public void lock(long customerId) {
		jdbc.sql("select id from customer where id = ? for update").param(customerId).query(Long.class).optional();
	}

	/**
	 * What the customer asked of their data: restriction of processing (GDPR art. 18) and
	 * objection to profiling (art. 21), each since when.
	 *
	 * @param restrictedAt since when processing is restricted
	 * @param profilingObjectedAt since when they object to profiling
	 * @param erasedAt when their personal data was erased
	 */
	public record Rights(java.time.@Nullable Instant restrictedAt, java.time.@Nullable Instant profilingObjectedAt,
			java.time.@Nullable Instant erasedAt) {
	}

	/**
	 * The live profile a line of an imported file names: by its number when it gives one,
	 * else by its email address; empty when it names nobody known.
	 */
	public Optional<Long> namedBy(@Nullable String number, @Nullable String email) {
		if (number != null) {
			try {
				long id = Long.parseLong(number.strip());
				return findById(id).map(c -> current(id));
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		}
		if (email == null) {
			return Optional.empty();
		}
		try {
			return findByIdentity(Identity.email(email)).map(this::current);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * How many people the company knew at that time: live profiles (not merged into
	 * another, not erased) created before it.
	 */
	public long countKnownAt(java.time.Instant at) {
		return jdbc
			.sql("select count(*) from customer where merged_into is null and erased_at is null and created_at < ?")
			.param(java.sql.Timestamp.from(at))
			.query(Long.class)
			.single();
	}

	public Rights rights(long customerId) {
		return jdbc.sql("select restricted_at, profiling_objected_at, erased_at from customer where id = ?")
			.param(current(customerId))
			.query((rs, n) -> new Rights(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)),
					instant(rs.getTimestamp(3))))
			.optional()
			.orElse(new Rights(null, null, null));
	}

	/** Restricts processing, or objects to profiling, for the customer, from now on. */
	public void markRight(long customerId, boolean restriction, java.time.Instant at) {
		jdbc.sql("update customer set " + (restriction ? "restricted_at" : "profiling_objected_at") + " = coalesce("
				+ (restriction ? "restricted_at" : "profiling_objected_at") + ", ?) where id = ?")
			.params(java.sql.Timestamp.from(at), current(customerId))
			.update();
	}

	private static java.time.@Nullable Instant instant(java.sql.@Nullable Timestamp t) {
		return t == null ? null : t.toInstant();
	}

}
