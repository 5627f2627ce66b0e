package org.parlons.customers;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.parlons.platform.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The profile as segments read it, many customers at a time: attributes, tags, the
 * namespaces they are known in, their organisations and whether they refused profiling.
 * Only live profiles (neither merged into another nor erased) are listed.
 */
@Repository
public class CustomerTraits {

	/**
	 * A live profile's traits.
	 *
	 * @param attributes its attributes
	 * @param tags its tags
	 * @param namespaces the namespaces of its identities (email, phone, x…)
	 * @param organisations the names of its organisations
	 * @param profilingRefused whether the customer objected to profiling or restricted
	 * processing
	 */
	public record Traits(Map<String, Object> attributes, Set<String> tags, Set<String> namespaces,
			Set<String> organisations, boolean profilingRefused) {
	}

	private final JdbcClient jdbc;

	CustomerTraits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Live profiles after an id, in id order: how a whole base is read in pages. */
	public List<Long> liveAfter(long afterId, int limit) {
		return jdbc
			.sql("select id from customer where id > ? and merged_into is null and erased_at is null order by id "
					+ "fetch first ? rows only")
			.params(afterId, limit)
			.query(Long.class)
			.list();
	}

	/** The traits of the live profiles among the ids; others are left out. */
	public Map<Long, Traits> of(Collection<Long> ids) {
		Map<Long, Traits> traits = new HashMap<>();
		if (ids.isEmpty()) {
			return traits;
		}
		Long[] wanted = ids.toArray(Long[]::new);
		jdbc.sql("select id, attributes, profiling_objected_at, restricted_at from customer "
				+ "where id = any(:ids) and merged_into is null and erased_at is null")
			.param("ids", wanted)
			.query((rs, n) -> traits.put(rs.getLong(1),
					new Traits(Json.readMap(rs.getString(2)), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(),
							rs.getTimestamp(3) != null || rs.getTimestamp(4) != null)))
			.list();
		jdbc.sql("select customer_id, tag from customer_tag where customer_id = any(:ids)")
			.param("ids", wanted)
			.query((rs, n) -> add(traits, rs.getLong(1), rs.getString(2), Traits::tags))
			.list();
		jdbc.sql("select distinct customer_id, namespace from customer_identity where customer_id = any(:ids)")
			.param("ids", wanted)
			.query((rs, n) -> add(traits, rs.getLong(1), rs.getString(2), Traits::namespaces))
			.list();
		jdbc.sql("select m.customer_id, o.name from organisation_member m join organisation o "
				+ "on o.id = m.organisation_id where m.customer_id = any(:ids)")
			.param("ids", wanted)
			.query((rs, n) -> add(traits, rs.getLong(1), rs.getString(2), Traits::organisations))
			.list();
		return traits;
	}

	private static boolean add(Map<Long, Traits> traits, long id, String value,
			java.util.function.Function<Traits, Set<String>> set) {
		Traits found = traits.get(id);
		return found != null && set.apply(found).add(value);
	}

}
