package org.parlons.listening;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What listening hears, told to those who publish (curation): the mentions of a topic
 * that point somewhere, how loud each topic is today against its usual days, and which
 * topics a text is about.
 */
@Service
public class Heard {

	/**
	 * A mention of a topic, with what listening knows of its audience.
	 *
	 * @param mentionId its number, the cursor of whoever reads them in order
	 * @param url where it is read
	 * @param text what it says
	 * @param author who wrote it
	 * @param language its language
	 * @param sentiment its tonality score, -1 to 1
	 * @param label its tonality: positive, negative, neutral
	 * @param reach how many people it reached, when its network says
	 * @param influence its author's influence from this post ({@link Influence#score})
	 * @param publishedAt when it was published
	 */
	public record Echo(long mentionId, String url, String text, @Nullable String author, String language,
			double sentiment, String label, @Nullable Long reach, double influence, Instant publishedAt) {
	}

	/**
	 * How loud a topic is: its mentions of the last 24 hours against the mean day of the
	 * four weeks before, as a Poisson z-score ({@link Bursts#zScore}).
	 *
	 * @param topicId the topic
	 * @param name its name
	 * @param lastDay its mentions of the last 24 hours
	 * @param expected its mean day of the four weeks before
	 * @param zScore how far above the usual, in standard deviations
	 */
	public record Heat(long topicId, String name, long lastDay, double expected, double zScore) {

		/** Whether it stands {@value Bursts#ALERT} deviations above its usual days. */
		public boolean bursting() {
			return zScore >= Bursts.ALERT;
		}

	}

	private final JdbcClient jdbc;

	private final Topics topics;

	private final Clock clock;

	Heard(JdbcClient jdbc, Topics topics, Clock clock) {
		this.jdbc = jdbc;
		this.topics = topics;
		this.clock = clock;
	}

	/** The topic's mentions with an address, after {@code afterId}, in id order. */
	public List<Echo> ofTopic(long topicId, long afterId, int limit) {
		return jdbc
			.sql("select m.id, m.url, m.text, m.author, m.language, m.sentiment, m.label, m.reach, "
					+ "m.engagement, m.published_at from mention m join mention_topic t on t.mention_id = m.id "
					+ "where t.topic_id = ? and m.id > ? and m.url is not null order by m.id fetch first ? rows only")
			.params(topicId, afterId, limit)
			.query((rs, n) -> {
				Long reach = rs.getObject(8, Long.class);
				Long engagement = rs.getObject(9, Long.class);
				return new Echo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
						rs.getDouble(6), rs.getString(7), reach,
						Influence.score(reach == null ? 0 : reach, engagement == null ? 0 : engagement),
						rs.getTimestamp(10).toInstant());
			})
			.list();
	}

	/** Every topic's heat now, read from the hourly rollups. */
	public List<Heat> heat() {
		Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
		Instant dayAgo = now.minus(Duration.ofDays(1));
		Instant since = dayAgo.minus(Duration.ofDays(Bursts.WEEKS * 7L));
		Map<Long, long[]> counts = new HashMap<>();
		jdbc.sql("select topic_id, sum(case when hour_start >= ? then mentions else 0 end), "
				+ "sum(case when hour_start < ? then mentions else 0 end) from topic_hourly "
				+ "where hour_start >= ? and hour_start < ? group by topic_id")
			.params(Timestamp.from(dayAgo), Timestamp.from(dayAgo), Timestamp.from(since), Timestamp.from(now))
			.query((rs, n) -> counts.put(rs.getLong(1), new long[] { rs.getLong(2), rs.getLong(3) }))
			.list();
		List<Heat> out = new ArrayList<>();
		for (Topics.Topic topic : topics.all()) {
			long[] c = counts.getOrDefault(topic.id(), new long[2]);
			double expected = c[1] / (Bursts.WEEKS * 7.0);
			out.add(new Heat(topic.id(), topic.name(), c[0], expected, Bursts.zScore(c[0], expected)));
		}
		return out;
	}

	/** The topics whose keywords the text holds, as listening's tagging reads them. */
	public List<Long> topicsOf(String text) {
		String folded = Topics.fold(text);
		List<Long> out = new ArrayList<>();
		for (Topics.Topic topic : topics.all()) {
			Pattern about = Topics.pattern(topic.keywords());
			if (!topic.keywords().isEmpty() && about.matcher(folded).find()) {
				out.add(topic.id());
			}
		}
		return out;
	}

}
