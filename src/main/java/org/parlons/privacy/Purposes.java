package org.parlons.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.parlons.platform.Crypto;
import org.parlons.platform.Refusals;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The purposes the company asks its customers' consent for, or tells them it relies on
 * another lawful basis for: each with its title and notice in French and English, the
 * channels it covers, and the hash of the notice as shown, which every decision keeps.
 */
@Service
public class Purposes {

	/** Being written to on a channel at all; STOP and START decide it, per channel. */
	public static final String CONTACT = "contact";

	static final Set<String> BASES = Set.of("consent", "contract", "legal-obligation", "legitimate-interest");

	/**
	 * A purpose.
	 *
	 * @param key its key, as the API names it ("offers")
	 * @param titleFr its title in French
	 * @param titleEn its title in English
	 * @param noticeFr what the customer is told, in French
	 * @param noticeEn what the customer is told, in English
	 * @param lawfulBasis "consent", "contract", "legal-obligation" or
	 * "legitimate-interest"
	 * @param channels the channels it covers ("email", "sms", "whatsapp"…)
	 * @param promotional whether it serves promotion: nothing of it goes out without
	 * consent
	 * @param noticeHash SHA-256 of the notices as shown
	 * @param updatedAt when it last changed
	 */
	public record Purpose(String key, String titleFr, String titleEn, String noticeFr, String noticeEn,
			String lawfulBasis, List<String> channels, boolean promotional, String noticeHash, Instant updatedAt) {

		public String title(Locale locale) {
			return "fr".equals(locale.getLanguage()) ? titleFr : titleEn;
		}

		public String notice(Locale locale) {
			return "fr".equals(locale.getLanguage()) ? noticeFr : noticeEn;
		}

		/** Whether the customer must have said yes (no answer is a no). */
		public boolean needsConsent() {
			return promotional || "consent".equals(lawfulBasis);
		}

		public boolean covers(String channel) {
			return channels.contains(channel);
		}

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	Purposes(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public List<Purpose> list() {
		return jdbc.sql(SELECT + " order by promotional, purpose_key").query((rs, n) -> purpose(rs)).list();
	}

	public Optional<Purpose> find(String key) {
		return jdbc.sql(SELECT + " where purpose_key = ?").param(key).query((rs, n) -> purpose(rs)).optional();
	}

	public Purpose get(String key) {
		return find(key).orElseThrow(() -> new org.parlons.platform.NotFoundException("No purpose '" + key + "'"));
	}

	/** Creates or changes a purpose; a changed notice gets a new hash. */
	@Transactional
	public Purpose save(String key, String titleFr, String titleEn, String noticeFr, String noticeEn,
			String lawfulBasis, List<String> channels, boolean promotional) {
		if (!key.matches("[a-z][a-z0-9-]{1,39}")) {
			throw Refusals.invalid("privacy.purpose.key", "A purpose's key is 2 to 40 letters, digits or dashes");
		}
		if (!BASES.contains(lawfulBasis)) {
			throw Refusals.invalid("privacy.purpose.basis", "Unknown lawful basis " + lawfulBasis, lawfulBasis);
		}
		if (promotional && !"consent".equals(lawfulBasis)) {
			throw Refusals.invalid("privacy.purpose.promotional",
					"Promotion rests on consent: a promotional purpose has the basis 'consent'");
		}
		if (CONTACT.equals(key) && promotional) {
			throw Refusals.invalid("privacy.purpose.contact", "The contact purpose is not promotional");
		}
		for (String text : List.of(titleFr, titleEn, noticeFr, noticeEn)) {
			if (text.isBlank()) {
				throw Refusals.invalid("privacy.purpose.texts",
						"A purpose needs its title and notice in French and English");
			}
		}
		jdbc.sql("merge into consent_purpose p using (select cast(? as varchar(40)) as purpose_key) s "
				+ "on p.purpose_key = s.purpose_key when matched then update set title_fr = ?, title_en = ?, "
				+ "notice_fr = ?, notice_en = ?, lawful_basis = ?, channels = ?, promotional = ?, notice_hash = ?, "
				+ "updated_at = ? when not matched then insert (purpose_key, title_fr, title_en, notice_fr, notice_en, "
				+ "lawful_basis, channels, promotional, notice_hash, updated_at) values (s.purpose_key, ?, ?, ?, ?, ?, "
				+ "?, ?, ?, ?)")
			.params(key, cut(titleFr, 200), cut(titleEn, 200), cut(noticeFr, 4000), cut(noticeEn, 4000), lawfulBasis,
					String.join(",", channels), promotional, hash(noticeFr, noticeEn), Timestamp.from(clock.instant()),
					cut(titleFr, 200), cut(titleEn, 200), cut(noticeFr, 4000), cut(noticeEn, 4000), lawfulBasis,
					String.join(",", channels), promotional, hash(noticeFr, noticeEn), Timestamp.from(clock.instant()))
			.update();
		return get(key);
	}

	/**
	 * The purposes shipped with the schema get their notices' hash at the first start.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void hashShippedNotices() {
		jdbc.sql("select purpose_key, notice_fr, notice_en from consent_purpose where notice_hash = '-'")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) })
			.list()
			.forEach(p -> jdbc.sql("update consent_purpose set notice_hash = ? where purpose_key = ?")
				.params(hash(p[1], p[2]), p[0])
				.update());
	}

	static String hash(String noticeFr, String noticeEn) {
		return Crypto.sha256Hex("fr:" + noticeFr + "\nen:" + noticeEn);
	}

	private static String cut(String text, int max) {
		String s = text.strip();
		return s.length() > max ? s.substring(0, max) : s;
	}

	private static final String SELECT = "select purpose_key, title_fr, title_en, notice_fr, notice_en, lawful_basis, "
			+ "channels, promotional, notice_hash, updated_at from consent_purpose";

	private static Purpose purpose(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Purpose(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6),
				Arrays.stream(rs.getString(7).split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList(),
				rs.getBoolean(8), rs.getString(9), rs.getTimestamp(10).toInstant());
	}

}
