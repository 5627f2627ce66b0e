package org.parlons.governance;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.parlons.platform.LiveBus;
import org.parlons.platform.ReloadedCache;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The topics a mandate may withhold from an agent in public (legal, security, press…),
 * each with the words and phrases that reveal it in a reply, matched as whole words
 * whatever the case and accents. Read for every public reply, so kept in memory and
 * reloaded when one changes.
 */
@Repository
public class MandateTopics {

	/**
	 * A topic a mandate may withhold.
	 *
	 * @param name its name
	 * @param phrases the words or phrases that make a reply speak of it
	 */
	public record Topic(String name, List<String> phrases) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final ReloadedCache<Map<String, Topic>> cache;

	MandateTopics(LiveBus bus, JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.cache = new ReloadedCache<>(this::load, bus, "mandate-topics");
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	public List<Topic> all() {
		return List.copyOf(byName().values());
	}

	public Optional<Topic> find(String name) {
		return Optional.ofNullable(byName().get(name));
	}

	/**
	 * Creates or replaces a topic's words; the change is in the audit log under
	 * {@code actorId}.
	 */
	@Transactional
	public Topic save(long actorId, String name, List<String> phrases) {
		if (!name.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
			throw org.parlons.platform.Refusals.invalid("mandateTopics.name",
					"A topic name is lower-case letters, digits, - or _, such as legal");
		}
		List<String> clean = phrases.stream().map(String::strip).filter(p -> !p.isEmpty()).distinct().toList();
		if (clean.isEmpty()) {
			throw org.parlons.platform.Refusals.invalid("mandateTopics.empty",
					"A topic needs at least one word or phrase");
		}
		String joined = String.join("\n", clean);
		if (joined.length() > 4000) {
			throw org.parlons.platform.Refusals.invalid("mandateTopics.long",
					"A topic's words are limited to 4,000 characters in all");
		}
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("merge into mandate_topic t using (select cast(? as varchar(40)) as name) s on t.name = s.name "
				+ "when matched then update set phrases = ?, updated_at = ? "
				+ "when not matched then insert (name, phrases, updated_at) values (s.name, ?, ?)")
			.params(name, joined, now, joined, now)
			.update();
		cache.changed();
		events.publishEvent(new PolicyChanged(actorId, "mandate-topic.saved", name + ": " + String.join(", ", clean)));
		return new Topic(name, clean);
	}

	/** Removes a topic; false when there was none of that name. */
	@Transactional
	public boolean delete(long actorId, String name) {
		boolean deleted = jdbc.sql("delete from mandate_topic where name = ?").param(name).update() == 1;
		cache.changed();
		if (deleted) {
			events.publishEvent(new PolicyChanged(actorId, "mandate-topic.deleted", name));
		}
		return deleted;
	}

	/** The first phrase of the topic found in the text, or empty. */
	static Optional<String> revealed(Topic topic, String text) {
		return topic.phrases().stream().filter(p -> ConductPolicy.containsPhrase(text, p)).findFirst();
	}

	private Map<String, Topic> byName() {
		return cache.get();
	}

	private Map<String, Topic> load() {
		Map<String, Topic> loaded = new LinkedHashMap<>();
		jdbc.sql("select name, phrases from mandate_topic order by name")
			.query((rs, n) -> new Topic(rs.getString(1), Arrays.asList(rs.getString(2).split("\n"))))
			.list()
			.forEach(t -> loaded.put(t.name(), t));
		return java.util.Collections.unmodifiableMap(loaded);
	}

}
