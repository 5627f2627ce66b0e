package org.parlons.portal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the customer arranges for themselves: the language and time zone of their space,
 * the channel they would rather be answered on, and whether a mail tells them of an
 * answer posted in their space.
 */
@Service
public class PortalPreferences {

	static final Set<String> LANGUAGES = Set.of("fr", "en");

	static final Set<String> CHANNELS = Set.of("portal", "email", "twilio", "whatsapp", "telegram", "widget");

	/**
	 * @param language "fr" or "en"; null: the browser's
	 * @param timeZone an IANA zone ("Europe/Paris"); null: the company's
	 * @param preferredChannel the channel answers should reach them on
	 * @param notifyByEmail whether a mail tells them of an answer in their space
	 */
	public record Preferences(@Nullable String language, @Nullable String timeZone, @Nullable String preferredChannel,
			@Nullable Boolean notifyByEmail) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	PortalPreferences(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Preferences of(long customerId) {
		return jdbc
			.sql("select language, time_zone, preferred_channel, notify_by_email from portal_preference "
					+ "where customer_id = ?")
			.param(customerId)
			.query((rs, n) -> new Preferences(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
			.optional()
			.orElse(new Preferences(null, null, null, true));
	}

	public Preferences save(long customerId, Preferences wanted) {
		String language = wanted.language() == null || wanted.language().isBlank() ? null
				: wanted.language().strip().toLowerCase(Locale.ROOT);
		if (language != null && !LANGUAGES.contains(language)) {
			throw Refusals.invalid("portal.refused.language", "The space speaks French (fr) or English (en)");
		}
		String zone = wanted.timeZone() == null || wanted.timeZone().isBlank() ? null : wanted.timeZone().strip();
		if (zone != null) {
			try {
				zone = ZoneId.of(zone).getId();
			}
			catch (DateTimeException ex) {
				throw Refusals.invalid("portal.refused.zone", "'" + zone + "' is not a time zone", zone);
			}
		}
		String channel = wanted.preferredChannel() == null || wanted.preferredChannel().isBlank() ? null
				: wanted.preferredChannel().strip().toLowerCase(Locale.ROOT);
		if (channel != null && !CHANNELS.contains(channel)) {
			throw Refusals.invalid("portal.refused.channel", "'" + channel + "' is not a channel answers can take",
					channel);
		}
		boolean notify = wanted.notifyByEmail() == null || wanted.notifyByEmail();
		jdbc.sql("merge into portal_preference p using (select cast(? as bigint) as customer_id) s "
				+ "on p.customer_id = s.customer_id when matched then update set language = ?, time_zone = ?, "
				+ "preferred_channel = ?, notify_by_email = ?, updated_at = ? when not matched then insert "
				+ "(customer_id, language, time_zone, preferred_channel, notify_by_email, updated_at) "
				+ "values (s.customer_id, ?, ?, ?, ?, ?)")
			.params(customerId, language, zone, channel, notify, Timestamp.from(clock.instant()), language, zone,
					channel, notify, Timestamp.from(clock.instant()))
			.update();
		return of(customerId);
	}

}
