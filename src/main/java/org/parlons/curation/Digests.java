package org.parlons.curation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.parlons.channels.DeliveryResult;
import org.parlons.channels.Notices;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.customers.Customer;
import org.parlons.customers.Customers;
import org.parlons.platform.Leases;
import org.parlons.platform.Scheduling;
import org.parlons.privacy.Consents;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An edition's email digest: mailed through an email inbox's own mailbox to the customers
 * who consented to the digest's purpose (promotional:
 * {@code parlons.curation.digest-purpose}, "offers" by default) and did not say STOP to
 * mail, each mail with the link that withdraws it. The recipients are written when the
 * edition is published, in its transaction; each is mailed once (at least once: a crash
 * between the mail server's acceptance and the note that it was sent mails that one
 * again).
 */
@Component
class Digests {

	private final JdbcClient jdbc;

	private final Consents consents;

	private final Customers customers;

	private final Inboxes inboxes;

	private final Notices notices;

	private final EditionText text;

	private final Editions editions;

	private final Leases leases;

	private final CurationSettings settings;

	private final Clock clock;

	Digests(JdbcClient jdbc, Consents consents, Customers customers, Inboxes inboxes, Notices notices, EditionText text,
			@Lazy Editions editions, Leases leases, CurationSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.consents = consents;
		this.customers = customers;
		this.inboxes = inboxes;
		this.notices = notices;
		this.text = text;
		this.editions = editions;
		this.leases = leases;
		this.settings = settings;
		this.clock = clock;
	}

	/** Writes who the digest goes to; in the publishing transaction. */
	void lineUp(Editions.Edition edition, Inbox mailbox) {
		for (long customerId : consents.allowedAudience(settings.digestPurpose(), "email")) {
			Customer customer = customers.findById(customerId).orElse(null);
			String address = customer == null ? null : customer.email().orElse(null);
			if (address != null) {
				jdbc.sql("insert into edition_digest (edition_id, customer_id, address, status) "
						+ "select ?, ?, ?, 'pending' where not exists (select 1 from edition_digest "
						+ "where edition_id = ? and customer_id = ?)")
					.params(edition.id(), customerId, address, edition.id(), customerId)
					.update();
			}
		}
	}

	/** Who the digest went to (or is going to): customer ids. */
	List<Long> recipients(long editionId) {
		return jdbc.sql("select customer_id from edition_digest where edition_id = ? order by customer_id")
			.param(editionId)
			.query(Long.class)
			.list();
	}

	@Scheduled(fixedDelayString = "#{" + CurationSettings.BEAN + ".publishInterval()}", initialDelayString = "PT3S",
			scheduler = Scheduling.NETWORK)
	void send() {
		if (!leases.hold("job:edition-digests")) {
			return;
		}
		List<Object[]> due = jdbc
			.sql("select d.edition_id, d.customer_id, d.address, t.inbox_id from edition_digest d "
					+ "join edition_target t on t.edition_id = d.edition_id and t.post_id is null "
					+ "where d.status = 'pending' order by d.edition_id, d.customer_id fetch first 200 rows only")
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4) })
			.list();
		for (Object[] row : due) {
			long editionId = (Long) row[0];
			long customerId = (Long) row[1];
			Inbox mailbox = inboxes.findLive((Long) row[3]).orElse(null);
			if (mailbox == null || !mailbox.channel().equals("email")) {
				continue;
			}
			Editions.Edition edition = editions.get(editionId);
			if (!consents.allows(customerId, settings.digestPurpose(), "email")) {
				mark(editionId, customerId, "withdrawn", null);
				continue;
			}
			String body = text.digest(edition, consents.unsubscribeLink(customerId, settings.digestPurpose()));
			DeliveryResult result = notices.mail(mailbox, (String) row[2], edition.title(), body);
			if (result instanceof DeliveryResult.Sent) {
				mark(editionId, customerId, "sent", null);
			}
			else if (result instanceof DeliveryResult.Failed failed) {
				mark(editionId, customerId, "failed", failed.reason());
			}
		}
	}

	private void mark(long editionId, long customerId, String status, @org.jspecify.annotations.Nullable String error) {
		jdbc.sql("update edition_digest set status = ?, sent_at = ?, last_error = ? where edition_id = ? "
				+ "and customer_id = ?")
			.params(status, Timestamp.from(clock.instant()), error, editionId, customerId)
			.update();
	}

}
