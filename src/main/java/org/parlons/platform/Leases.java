package org.parlons.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work done once whatever the number of nodes (ADR 23): a timed job, a mailbox, a
 * network's stream belongs to the node that holds its lease in the database. A node takes
 * a lease that is free or has lapsed, renews it while it works (past half its time), and
 * gives its leases back when it stops; a node that dies holds them until they lapse, then
 * another takes them. With one node, that node holds them all.
 *
 * <p>
 * Lease times are the nodes' own clocks (kept by NTP, as a database server's would be); a
 * lease lasts far longer than their drift.
 */
@Component
public class Leases {

	private static final Logger log = LoggerFactory.getLogger(Leases.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate alone;

	private final String node;

	/** This running instance of the node: a node started again is another. */
	private final String instance;

	private final Duration term;

	/** The leases this node holds, until when. */
	private final Map<String, Instant> held = new ConcurrentHashMap<>();

	private final Clock clock = Clock.systemUTC();

	Leases(JdbcClient jdbc, PlatformTransactionManager transactions, PlatformSettings settings) {
		this.jdbc = jdbc;
		this.alone = new TransactionTemplate(transactions);
		this.alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.node = settings.cluster().node();
		this.instance = node + "/" + Crypto.randomToken(6);
		this.term = settings.cluster().lease();
	}

	/**
	 * Whether this node holds the lease of that name, taking it when it is free or has
	 * lapsed and renewing it when half its time has gone.
	 */
	public boolean hold(String name) {
		return hold(name, node);
	}

	/**
	 * Like {@link #hold}, for work that keeps a session open on another server (a
	 * mailbox's IDLE connection, a network's stream): held by this running instance, so
	 * that a node started again, or a second application context of the same node, waits
	 * for the lease of the one before to be given back or to lapse.
	 */
	public boolean holdHere(String name) {
		return hold(name, instance);
	}

	private boolean hold(String name, String holder) {
		Instant now = clock.instant();
		Instant until = held.get(name);
		if (until != null && now.isBefore(until.minus(term.dividedBy(2)))) {
			return true;
		}
		boolean mine = Boolean.TRUE.equals(alone.execute(status -> take(name, holder, now)));
		if (mine) {
			if (until == null) {
				log.info("{} took the lease of {}", holder, name);
			}
			held.put(name, now.plus(term));
		}
		else if (held.remove(name) != null) {
			log.warn("{} lost the lease of {}", holder, name);
		}
		return mine;
	}

	/** Gives a lease back, for another node to take at once. */
	public void release(String name) {
		if (held.remove(name) != null) {
			jdbc.sql("delete from lease where name = ? and holder in (?, ?)").params(name, node, instance).update();
		}
	}

	@EventListener(ContextClosedEvent.class)
	void releaseAll() {
		try {
			held.keySet().forEach(this::release);
		}
		catch (RuntimeException ex) {
			log.warn("Could not give the leases back; they lapse in {}", term, ex);
		}
	}

	private boolean take(String name, String node, Instant now) {
		Timestamp until = Timestamp.from(now.plus(term));
		int renewed = jdbc.sql("""
				update lease set holder = :node, expires_at = :until,
				    taken_at = case when holder = :node then taken_at else :now end
				where name = :name and (holder = :node or expires_at < :now)""")
			.param("node", node)
			.param("until", until)
			.param("now", Timestamp.from(now))
			.param("name", name)
			.update();
		if (renewed > 0) {
			return true;
		}
		// ADR 17: another node inserting it at the same time wins, this one skips
		return jdbc.sql("""
				insert into lease (name, holder, expires_at, taken_at) values (:name, :node, :until, :now)
				on conflict do nothing""")
			.param("name", name)
			.param("node", node)
			.param("until", until)
			.param("now", Timestamp.from(now))
			.update() > 0;
	}

}
