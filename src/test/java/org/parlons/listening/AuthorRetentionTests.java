package org.parlons.listening;

import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * The retention rule forgets who wrote old mentions and keeps the mentions: an author
 * heard thirty years ago gets a pseudonym (the same for their two mentions), the text and
 * figures stay; a recent author stays known.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorRetentionTests {

	@LocalServerPort
	int port;

	@Autowired
	AuthorRetention retention;

	@Autowired
	JdbcClient jdbc;

	@Test
	void authorsOfMentionsOlderThanTheRuleAreForgottenAndTheirMentionsStay() {
		TestApi admin = TestApi.asAdmin(port);
		String old = unique("ancien");
		String recent = unique("recent");
		Instant longAgo = Instant.now().minus(30 * 366, ChronoUnit.DAYS);
		var imported = admin.post("/api/v1/listening/mentions", Map.of("items",
				List.of(mention(old, longAgo), mention(old, longAgo.plusSeconds(60)), mention(recent, Instant.now()))));
		assertThat(imported.status()).as(String.valueOf(imported.body())).isEqualTo(200);

		assertThat(retention.sweep(Period.ofYears(29))).isGreaterThanOrEqualTo(2);

		List<String> keys = jdbc.sql("select author_key from mention where text like ? order by published_at")
			.param("%" + old + "%")
			.query(String.class)
			.list();
		assertThat(keys).hasSize(2).allMatch(k -> k.startsWith("erased:"));
		assertThat(keys.get(0)).isEqualTo(keys.get(1));
		assertThat(jdbc.sql("select count(*) from mention where author = ?").param(old).query(Long.class).single())
			.isZero();
		assertThat(jdbc.sql("select count(*) from mention where author = ?").param(recent).query(Long.class).single())
			.isEqualTo(1);
	}

	private static Map<String, Object> mention(String author, Instant at) {
		return Map.of("network", "mastodon", "externalId", unique("post"), "author",
				Map.of("name", author, "handle", "@" + author), "text", "Ma box " + author + " va bien", "publishedAt",
				at.toString());
	}

}
