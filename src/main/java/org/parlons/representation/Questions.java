package org.parlons.representation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Agents;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.parlons.customers.Customers;
import org.parlons.portal.PortalCustomer;
import org.parlons.portal.PortalInbox;
import org.parlons.portal.PortalRequests;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The representatives' channel: what a representative in office raises opens a
 * conversation in the representatives' own inbox (a portal inbox with its own service
 * level: a first answer within two days, unless an administrator sets another), answered
 * like any other by someone whose mandate covers it; the questions and their answers,
 * with who answered, are the community's public record.
 */
@Service
public class Questions {

	/** The representatives' inbox's service level when it is made. */
	static final Map<String, Object> SERVICE_LEVEL = Map.of("firstResponse", "P2D", "resolution", "P30D");

	/**
	 * A question and its answer.
	 *
	 * @param id its number
	 * @param representative who raised it
	 * @param subject its subject
	 * @param question what they wrote
	 * @param askedAt when
	 * @param answer the first reply that reached them, none yet
	 * @param answeredBy the person who answered, named
	 * @param answeredAt when
	 * @param conversationId the conversation in the representatives' inbox
	 */
	public record Question(long id, String representative, String subject, String question, Instant askedAt,
			@Nullable String answer, @Nullable String answeredBy, @Nullable Instant answeredAt, long conversationId) {
	}

	private final JdbcClient jdbc;

	private final Inboxes inboxes;

	private final Messages messages;

	private final PortalRequests portal;

	private final Representatives representatives;

	private final Customers customers;

	private final Agents agents;

	private final Clock clock;

	Questions(JdbcClient jdbc, Inboxes inboxes, Messages messages, PortalRequests portal,
			Representatives representatives, Customers customers, Agents agents, Clock clock) {
		this.jdbc = jdbc;
		this.inboxes = inboxes;
		this.messages = messages;
		this.portal = portal;
		this.representatives = representatives;
		this.customers = customers;
		this.agents = agents;
		this.clock = clock;
	}

	/** Whether the signed-in customer is a representative in office. */
	public Optional<Representatives.Representative> office(PortalCustomer me) {
		Set<Long> person = portal.profilesOf(me);
		return representatives.current().stream().filter(r -> person.contains(r.customerId())).findFirst();
	}

	/** A representative raises a question; refused to anyone not in office. */
	public Question raise(PortalCustomer me, String subject, String text) {
		Representatives.Representative office = office(me).orElseThrow(NotInOffice::new);
		long conversation = portal.openIn(me, inbox().id(), subject, text).conversationId();
		jdbc.sql("insert into representative_question (customer_id, community_id, conversation_id, subject, asked_at) "
				+ "values (?, ?, ?, ?, ?)")
			.params(portal.currentOf(me), office.communityId(), conversation, subject.strip(),
					Timestamp.from(clock.instant()))
			.update();
		return record(100).stream().filter(q -> q.conversationId() == conversation).findFirst().orElseThrow();
	}

	/** The public record: the latest questions and their answers. */
	public List<Question> record(int limit) {
		List<Object[]> rows = jdbc
			.sql("select id, customer_id, subject, asked_at, conversation_id from representative_question "
					+ "order by asked_at desc, id desc limit ?")
			.param(limit)
			.query((rs,
					n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
							rs.getLong(5) })
			.list();
		var names = customers.summaries(rows.stream().map(r -> (Long) r[1]).toList());
		return rows.stream().map(r -> {
			List<Message> thread = messages.ofConversation((Long) r[4]);
			String question = thread.stream()
				.filter(m -> "in".equals(m.direction()))
				.map(Message::text)
				.findFirst()
				.orElse("");
			Optional<Message> answer = thread.stream()
				.filter(m -> "out".equals(m.direction()) && m.status().reachedCustomer())
				.findFirst();
			var who = names.get((Long) r[1]);
			return new Question((Long) r[0], who == null ? "#" + r[1] : who.displayName(), (String) r[2], question,
					(Instant) r[3], answer.map(Message::text).orElse(null),
					answer.map(Message::agentId)
						.map(id -> agents.namesOf(List.of(id)).getOrDefault(id, "#" + id))
						.orElse(null),
					answer.map(Message::sentAt).orElse(null), (Long) r[4]);
		}).toList();
	}

	/**
	 * The representatives' inbox: the portal inbox kept for them, made when first needed.
	 */
	synchronized Inbox inbox() {
		return inboxes.findAll()
			.stream()
			.filter(i -> PortalInbox.CHANNEL.equals(i.channel()) && !i.deleted()
					&& PURPOSE.equals(i.settings().get(PortalInbox.PURPOSE)))
			.findFirst()
			.orElseGet(() -> inboxes.create("Représentants", PortalInbox.CHANNEL,
					Map.of(PortalInbox.PURPOSE, PURPOSE, "sla", SERVICE_LEVEL), true));
	}

	static final String PURPOSE = "representatives";

	/** The customer is not a representative in office. */
	public static final class NotInOffice extends RuntimeException {

		NotInOffice() {
			super("Only a representative in office raises questions here");
		}

	}

}
