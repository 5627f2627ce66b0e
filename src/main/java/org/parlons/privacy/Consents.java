package org.parlons.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.CustomerHistory;
import org.parlons.customers.Customers;
import org.parlons.platform.Refusals;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent per purpose, as the customer gave or withdrew it: every decision is a new
 * record, never changed, with its evidence (where it was made, when, by whom, the hash of
 * the notice shown, the language it was read in) and a receipt the customer can download
 * ({@link Receipts}). The state of a purpose is its latest decision across the customer's
 * merged profiles. STOP and START on a channel decide the {@link Purposes#CONTACT}
 * purpose for that channel; STOP also withdraws, on that channel, every promotional
 * purpose granted there. A customer-initiated conversation is always answered: replies
 * are never checked against a purpose, only against STOP on their channel.
 */
@Service
public class Consents {

	/**
	 * One decision.
	 *
	 * @param id its number
	 * @param receiptId the receipt's identifier
	 * @param customerId the profile it was made on
	 * @param purpose the purpose's key
	 * @param channel the one channel it is about, or none for every channel of the
	 * purpose
	 * @param granted given (true) or withdrawn or refused (false)
	 * @param decidedAt when
	 * @param source where: "portal", "agent", "sms:STOP", "unsubscribe-link"…
	 * @param noticeHash the hash of the notice the customer was shown
	 * @param language the language of that notice
	 * @param actorId the agent who entered it, if one did
	 */
	public record Decision(long id, String receiptId, long customerId, String purpose, @Nullable String channel,
			boolean granted, Instant decidedAt, String source, String noticeHash, String language,
			@Nullable Long actorId) {
	}

	/**
	 * Where a customer stands on a purpose.
	 *
	 * @param purpose the purpose's key
	 * @param title its title in the reader's language
	 * @param notice its notice in the reader's language
	 * @param lawfulBasis the lawful basis it rests on
	 * @param promotional whether it serves promotion
	 * @param granted whether it may be done now (a purpose needing consent without an
	 * answer is not granted)
	 * @param decided whether the customer ever decided
	 * @param decidedAt when they last did
	 * @param source where
	 * @param receiptId the receipt of that decision
	 */
	public record State(String purpose, String title, String notice, String lawfulBasis, boolean promotional,
			boolean granted, boolean decided, @Nullable Instant decidedAt, @Nullable String source,
			@Nullable String receiptId) {
	}

	private final JdbcClient jdbc;

	private final Purposes purposes;

	private final Customers customers;

	private final CustomerHistory history;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final org.parlons.platform.SecretBox secrets;

	private final org.parlons.platform.PublicAddress address;

	Consents(JdbcClient jdbc, Purposes purposes, Customers customers, CustomerHistory history,
			ApplicationEventPublisher events, Clock clock, org.parlons.platform.SecretBox secrets,
			org.parlons.platform.PublicAddress address) {
		this.secrets = secrets;
		this.address = address;
		this.jdbc = jdbc;
		this.purposes = purposes;
		this.customers = customers;
		this.history = history;
		this.events = events;
		this.clock = clock;
	}

	/** Records a decision on a purpose (404 for an unknown purpose) and answers it. */
	@Transactional
	public Decision decide(long customerId, String purposeKey, @Nullable String channel, boolean granted, String source,
			String language, @Nullable Long actorId) {
		Purposes.Purpose purpose = purposes.get(purposeKey);
		if (channel != null && !purpose.covers(channel)) {
			throw Refusals.invalid("privacy.consent.channel", "The purpose does not cover this channel", channel);
		}
		long id = customers.current(customerId);
		String receipt = UUID.randomUUID().toString();
		Instant now = clock.instant();
		String lang = "fr".equals(language) ? "fr" : "en";
		jdbc.sql("insert into consent_record (receipt_id, customer_id, purpose_key, channel, granted, decided_at, "
				+ "source, notice_hash, language, actor_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(receipt, id, purpose.key(), channel, granted, Timestamp.from(now), cut(source, 40),
					purpose.noticeHash(), lang, actorId)
			.update();
		String what = purpose.key() + (channel == null ? "" : " (" + channel + ")") + ": " + source;
		history.record(id, granted ? "consent-given" : "consent-withdrawn", what, null);
		events.publishEvent(new PrivacyEvent(granted ? "consent.given" : "consent.withdrawn", id, what, actorId));
		return byReceipt(receipt).orElseThrow();
	}

	/**
	 * A decision the customer makes in their space: only on a purpose that rests on their
	 * consent (the others are told, and objected to on the channel: STOP).
	 */
	@Transactional
	public Decision decideAsCustomer(long customerId, String purposeKey, boolean granted, String language) {
		if (!purposes.get(purposeKey).needsConsent()) {
			throw Refusals.invalid("privacy.consent.notOptional",
					"This purpose does not rest on consent: write STOP on a channel to stop it there");
		}
		return decide(customerId, purposeKey, null, granted, "portal", language, null);
	}

	/**
	 * STOP or START on a channel: the contact purpose for that channel, and on STOP every
	 * promotional purpose granted there, withdrawn on that channel only.
	 */
	@Transactional
	public void record(long customerId, String channel, boolean granted, String source) {
		decide(customerId, Purposes.CONTACT, channel, granted, source, "fr", null);
		if (!granted) {
			for (Purposes.Purpose p : purposes.list()) {
				if (p.promotional() && p.covers(channel)
						&& latest(customerId, p.key(), channel).map(Decision::granted).orElse(false)) {
					decide(customerId, p.key(), channel, false, source, "fr", null);
				}
			}
		}
	}

	/** Whether the customer said they no longer want messages on this channel (STOP). */
	public boolean optedOut(long customerId, String channel) {
		Optional<Decision> latest = latest(customerId, Purposes.CONTACT, channel);
		if (latest.isPresent()) {
			return !latest.get().granted();
		}
		// profiles from before consent records kept STOP as an attribute
		return customers.findById(customers.current(customerId))
			.map(c -> c.attributes().get("consent." + channel) instanceof Map<?, ?> consent
					&& "opted-out".equals(consent.get("state")))
			.orElse(false);
	}

	/**
	 * Whether what serves this purpose may go to the customer on this channel: a purpose
	 * needing consent needs a yes, any other purpose a lack of no; a STOP on the channel
	 * is a no to everything on it.
	 */
	public boolean allows(long customerId, String purposeKey, @Nullable String channel) {
		return refusal(customerId, purposeKey, channel).isEmpty();
	}

	/**
	 * The customers (current profiles) to whom what serves this purpose may go on this
	 * channel: for a purpose needing consent, those whose latest word is a yes, none
	 * having said STOP on the channel.
	 */
	public List<Long> allowedAudience(String purposeKey, String channel) {
		purposes.get(purposeKey);
		List<Long> asked = jdbc
			.sql("select distinct customer_id from consent_record where purpose_key = ? and granted = true")
			.param(purposeKey)
			.query(Long.class)
			.list();
		java.util.Set<Long> current = new java.util.TreeSet<>();
		asked.forEach(id -> current.add(customers.current(id)));
		return current.stream().filter(id -> allows(id, purposeKey, channel)).toList();
	}

	/**
	 * Refuses (409) what needs a consent the customer did not give, saying which and
	 * since when.
	 */
	public void require(long customerId, String purposeKey, @Nullable String channel) {
		Optional<Refusals.Conflict> refused = refusal(customerId, purposeKey, channel);
		if (refused.isPresent()) {
			throw refused.get();
		}
	}

	/**
	 * Why what serves this purpose may not go to the customer on this channel, if it may
	 * not.
	 */
	private Optional<Refusals.Conflict> refusal(long customerId, String purposeKey, @Nullable String channel) {
		Purposes.Purpose purpose = purposes.get(purposeKey);
		if (channel != null && optedOut(customerId, channel)) {
			return Optional
				.of(Refusals.conflict("privacy.consent.stopped", "The customer asked for nothing more on " + channel,
						purpose.titleFr(), purpose.titleEn(), channel));
		}
		Optional<Decision> latest = latest(customerId, purposeKey, channel);
		if (latest.map(Decision::granted).orElse(!purpose.needsConsent())) {
			return Optional.empty();
		}
		if (latest.isPresent()) {
			return Optional.of(Refusals.conflict("privacy.consent.withdrawn",
					"The customer withdrew their consent to '" + purpose.titleEn() + "' on " + latest.get().decidedAt(),
					purpose.titleFr(), purpose.titleEn(), java.util.Date.from(latest.get().decidedAt())));
		}
		return Optional.of(Refusals.conflict("privacy.consent.missing",
				"The customer never consented to '" + purpose.titleEn() + "'", purpose.titleFr(), purpose.titleEn()));
	}

	/**
	 * The link that withdraws this purpose in one click (then a confirmation: mail
	 * scanners open links), for the foot of what the purpose sends.
	 */
	public String unsubscribeLink(long customerId, String purposeKey) {
		long id = customers.current(customerId);
		return address.base() + "/portal/unsubscribe/" + id + "." + purposeKey + "."
				+ secrets.tag("unsubscribe:" + id + ":" + purposeKey, 32);
	}

	/** Whom and what an unsubscribe token names, when it is one of ours. */
	public record Unsubscribe(long customerId, Purposes.Purpose purpose) {
	}

	public Optional<Unsubscribe> unsubscribeOf(String token) {
		String[] parts = token.split("\\.");
		if (parts.length != 3 || !parts[0].matches("[0-9]{1,18}")) {
			return Optional.empty();
		}
		long id = Long.parseLong(parts[0]);
		String expected = secrets.tag("unsubscribe:" + id + ":" + parts[1], 32);
		if (!java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
				parts[2].getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
			return Optional.empty();
		}
		return purposes.find(parts[1]).map(p -> new Unsubscribe(id, p));
	}

	/** Where the customer stands on every purpose. */
	public List<State> states(long customerId, Locale locale) {
		List<State> out = new ArrayList<>();
		for (Purposes.Purpose p : purposes.list()) {
			Optional<Decision> latest = latest(customerId, p.key(), null);
			out.add(new State(p.key(), p.title(locale), p.notice(locale), p.lawfulBasis(), p.promotional(),
					latest.map(Decision::granted).orElse(!p.needsConsent()), latest.isPresent(),
					latest.map(Decision::decidedAt).orElse(null), latest.map(Decision::source).orElse(null),
					latest.map(Decision::receiptId).orElse(null)));
		}
		return out;
	}

	/** Every decision the customer made, newest first. */
	public List<Decision> history(long customerId) {
		return jdbc.sql(SELECT + " where customer_id in (:ids) order by decided_at desc, id desc")
			.param("ids", List.copyOf(customers.aliasesOf(customers.current(customerId))))
			.query((rs, n) -> decision(rs))
			.list();
	}

	public Optional<Decision> byReceipt(String receiptId) {
		return jdbc.sql(SELECT + " where receipt_id = ?").param(receiptId).query((rs, n) -> decision(rs)).optional();
	}

	/**
	 * The latest decision on the purpose: one made for this channel or for every channel
	 * (channel null: for every channel only, or the latest of any when none is).
	 */
	private Optional<Decision> latest(long customerId, String purposeKey, @Nullable String channel) {
		List<Long> ids = List.copyOf(customers.aliasesOf(customers.current(customerId)));
		return jdbc
			.sql(SELECT + " where customer_id in (:ids) and purpose_key = :purpose"
					+ (channel == null ? "" : " and (channel is null or channel = :channel)")
					+ " order by decided_at desc, id desc fetch first 1 rows only")
			.param("ids", ids)
			.param("purpose", purposeKey)
			.param("channel", channel)
			.query((rs, n) -> decision(rs))
			.optional();
	}

	private static final String SELECT = "select id, receipt_id, customer_id, purpose_key, channel, granted, "
			+ "decided_at, source, notice_hash, language, actor_id from consent_record";

	private static Decision decision(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Decision(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
				rs.getBoolean(6), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9), rs.getString(10),
				(Long) rs.getObject(11, Long.class));
	}

	private static String cut(String text, int max) {
		return text.length() > max ? text.substring(0, max) : text;
	}

}
