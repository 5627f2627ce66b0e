package org.parlons.network;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.parlons.conversations.CustomerActivity;
import org.parlons.customers.Customers;
import org.parlons.customers.Identity;
import org.parlons.network.Ties.Node;
import org.parlons.platform.Leases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads every message stored, in order, for the ties it shows: an agent's reply to a
 * customer and the customer's message in a conversation the agent has (by email or
 * another channel, each way counted for reciprocity), the people an email was copied to
 * with its sender, and a customer answering another in public. Machines' messages say
 * nothing. One node at a time (a lease); the place read is kept in the same transaction
 * as what was counted, so nothing is counted twice or skipped.
 */
@Service
class NetworkWatch {

	static final int BATCH = 500;

	private static final String CURSOR = "exchanges";

	private final CustomerActivity activity;

	private final Customers customers;

	private final Ties ties;

	private final Leases leases;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final NetworkSettings settings;

	private final Clock clock;

	NetworkWatch(CustomerActivity activity, Customers customers, Ties ties, Leases leases, JdbcClient jdbc,
			TransactionTemplate tx, NetworkSettings settings, Clock clock) {
		this.activity = activity;
		this.customers = customers;
		this.ties = ties;
		this.leases = leases;
		this.jdbc = jdbc;
		this.tx = tx;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "#{" + NetworkSettings.BEAN + ".readInterval()}", initialDelayString = "PT3S")
	void watch() {
		if (!leases.hold("job:network")) {
			return;
		}
		while (Boolean.TRUE.equals(tx.execute(s -> read()))) {
			// a backlog: keep reading
		}
	}

	/** One batch in the caller's transaction; answers whether there may be more. */
	boolean read() {
		long after = jdbc.sql("select position from network_cursor where name = ? for update")
			.param(CURSOR)
			.query(Long.class)
			.optional()
			.orElse(-1L);
		if (after < 0) {
			jdbc.sql("insert into network_cursor (name, position) values (?, 0)").param(CURSOR).update();
			after = 0;
		}
		long upTo = activity.lastWritten(clock.instant().minus(settings.settle()));
		List<CustomerActivity.Exchange> batch = activity.exchangesAfter(after, upTo, BATCH);
		for (CustomerActivity.Exchange exchange : batch) {
			if (!exchange.automated()) {
				count(exchange);
			}
		}
		boolean full = batch.size() == BATCH;
		long to = full ? batch.get(batch.size() - 1).id() : Math.max(after, upTo);
		jdbc.sql("update network_cursor set position = ? where name = ?").params(to, CURSOR).update();
		return full;
	}

	private void count(CustomerActivity.Exchange exchange) {
		Node customer = Node.customer(exchange.customerId());
		if (exchange.agentId() != null) {
			Node agent = Node.agent(exchange.agentId());
			Ties.Source source = "email".equals(exchange.channel()) ? Ties.Source.EMAIL : Ties.Source.CONVERSATION;
			if (exchange.inbound()) {
				ties.observe(customer, agent, source, null, exchange.sentAt());
			}
			else {
				ties.observe(agent, customer, source, null, exchange.sentAt());
			}
		}
		if (exchange.inbound() && !exchange.copies().isEmpty()) {
			List<Identity> copied = new ArrayList<>();
			for (String address : exchange.copies()) {
				try {
					copied.add(Identity.email(address));
				}
				catch (IllegalArgumentException notAnAddress) {
					// nobody to tie
				}
			}
			Map<Identity, Long> known = customers.findByIdentities(copied);
			Set<Long> people = new java.util.HashSet<>(known.values());
			for (Long other : people) {
				ties.observe(customer, Node.customer(customers.current(other)), Ties.Source.COPIED, null,
						exchange.sentAt());
			}
		}
		if (exchange.inbound() && exchange.answeredCustomerId() != null) {
			ties.observe(customer, Node.customer(exchange.answeredCustomerId()), Ties.Source.PUBLIC_REPLY, null,
					exchange.sentAt());
		}
	}

	Duration interval() {
		return settings.readInterval();
	}

}
