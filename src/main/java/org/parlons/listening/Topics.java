package org.parlons.listening;

import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.LiveBus;
import org.parlons.platform.ReloadedCache;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Topics: what the public talks about, each named by keywords, phrases or hashtags. A
 * mention is about a topic when it holds one of them as whole words, whatever the case
 * and the accents ("teleo" finds "Téléo"). Creating or editing a topic makes it read
 * every mention again; {@link TopicTagger} does the reading.
 */
@Service
public class Topics {

	/**
	 * A listening topic.
	 *
	 * @param id its number
	 * @param name its name
	 * @param keywords words or phrases a mention must hold
	 * @param taggedUpTo the last mention it was applied to
	 */
	public record Topic(long id, String name, List<String> keywords, long taggedUpTo) {

		/** Whether a text is about this topic. */
		public boolean about(String text) {
			return pattern(keywords).matcher(fold(text)).find();
		}

	}

	/** The most keywords a topic takes. */
	static final int MAX_KEYWORDS = 100;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ReloadedCache<List<Topic>> cache;

	Topics(LiveBus bus, JdbcClient jdbc, Clock clock) {
		this.cache = new ReloadedCache<>(this::load, bus, "listening-topics");
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public List<Topic> all() {
		return cache.get();
	}

	private List<Topic> load() {
		return jdbc.sql("select id, name, keywords, tagged_up_to from listening_topic order by name")
			.query((rs, n) -> new Topic(rs.getLong(1), rs.getString(2), split(rs.getString(3)), rs.getLong(4)))
			.list();
	}

	public Optional<Topic> find(long id) {
		return all().stream().filter(t -> t.id() == id).findFirst();
	}

	/**
	 * @throws IllegalArgumentException when the name is taken or the keywords are
	 * unusable
	 */
	@Transactional
	public long create(String name, List<String> keywords) {
		List<String> clean = clean(name, keywords);
		var keys = new GeneratedKeyHolder();
		try {
			jdbc.sql("insert into listening_topic (name, keywords, tagged_up_to, created_at) values (?, ?, 0, ?)")
				.params(name.strip(), String.join("\n", clean), Timestamp.from(clock.instant()))
				.update(keys, "id");
		}
		catch (DuplicateKeyException ex) {
			throw org.parlons.platform.Refusals.invalid("topics.taken",
					"A topic is already named '" + name.strip() + "'", name.strip());
		}
		finally {
			cache.changed();
		}
		return keys.getKey().longValue();
	}

	/**
	 * New name and keywords: the topic forgets what it tagged and reads every mention
	 * again.
	 */
	@Transactional
	public boolean update(long id, String name, List<String> keywords) {
		List<String> clean = clean(name, keywords);
		try {
			int updated = jdbc.sql("update listening_topic set name = ?, keywords = ?, tagged_up_to = 0 where id = ?")
				.params(name.strip(), String.join("\n", clean), id)
				.update();
			if (updated == 0) {
				return false;
			}
		}
		catch (DuplicateKeyException ex) {
			throw org.parlons.platform.Refusals.invalid("topics.taken",
					"A topic is already named '" + name.strip() + "'", name.strip());
		}
		finally {
			cache.changed();
		}
		jdbc.sql("delete from mention_topic where topic_id = ?").param(id).update();
		jdbc.sql("delete from topic_hourly where topic_id = ?").param(id).update();
		jdbc.sql("delete from topic_daily where topic_id = ?").param(id).update();
		return true;
	}

	@Transactional
	public boolean delete(long id) {
		jdbc.sql("delete from mention_topic where topic_id = ?").param(id).update();
		jdbc.sql("delete from topic_hourly where topic_id = ?").param(id).update();
		jdbc.sql("delete from topic_daily where topic_id = ?").param(id).update();
		int deleted = jdbc.sql("delete from listening_topic where id = ?").param(id).update();
		cache.changed();
		return deleted > 0;
	}

	/**
	 * Moves a topic's cursor, unless the topic was edited (or deleted) since it was read:
	 * its cursor and its keywords must still be those it was read with (an edit resets
	 * the cursor to 0, which a first batch also starts from, so the keywords tell them
	 * apart).
	 */
	boolean advance(Topic read, long to) {
		int moved = jdbc
			.sql("update listening_topic set tagged_up_to = ? where id = ? and tagged_up_to = ? and keywords = ?")
			.params(to, read.id(), read.taggedUpTo(), String.join("\n", read.keywords()))
			.update();
		cache.changed();
		return moved == 1;
	}

	private static List<String> clean(String name, List<String> keywords) {
		if (name.isBlank() || name.strip().length() > 100) {
			throw org.parlons.platform.Refusals.invalid("topics.name",
					"A topic needs a name of at most 100 characters");
		}
		List<String> clean = keywords.stream().map(String::strip).filter(k -> !k.isEmpty()).distinct().toList();
		if (clean.isEmpty() || clean.size() > MAX_KEYWORDS) {
			throw org.parlons.platform.Refusals.invalid("topics.keywords",
					"A topic needs between 1 and " + MAX_KEYWORDS + " keywords", String.valueOf(MAX_KEYWORDS));
		}
		if (clean.stream().anyMatch(k -> k.length() > 100 || fold(k).replace("#", "").isBlank())) {
			throw org.parlons.platform.Refusals.invalid("topics.keyword",
					"A keyword has letters or digits and at most 100 characters");
		}
		return clean;
	}

	private static List<String> split(String keywords) {
		return Arrays.stream(keywords.split("\n")).filter(k -> !k.isBlank()).toList();
	}

	/** Lower case without accents, so keywords match however they are typed. */
	static String fold(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
	}

	/**
	 * One pattern for all of a topic's keywords, to match against {@link #fold folded}
	 * text.
	 */
	static Pattern pattern(List<String> keywords) {
		return Pattern.compile(keywords.stream()
			.map(k -> Pattern.quote(fold(k)))
			.collect(Collectors.joining("|", "(?<![\\p{L}\\p{N}_])(?:", ")(?![\\p{L}\\p{N}_])")));
	}

}
