package org.parlons.advocacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.parlons.listening.Mentions;
import org.parlons.platform.Leases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the mentions listening stores, in order, and finds the members' public posts
 * among them: a post published while its author was a member, under a paid or in-kind
 * contract, without the disclosure the contract requires is flagged; a post published
 * while they were active that shows a running mission done earns its points, once per
 * mission and post. A post counts from the time the member first became active until they
 * left; a suspended member's posts are still watched for disclosure but earn nothing.
 */
@Service
class AdvocacyWatch {

	static final int BATCH = 500;

	private static final String CURSOR = "mentions";

	private final Mentions mentions;

	private final Members members;

	private final Missions missions;

	private final Ledger ledger;

	private final Flags flags;

	private final AuthorKeys keys;

	private final Leases leases;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Duration settle;

	private final Clock clock;

	AdvocacyWatch(Mentions mentions, Members members, Missions missions, Ledger ledger, Flags flags, AuthorKeys keys,
			Leases leases, JdbcClient jdbc, TransactionTemplate tx, AdvocacySettings settings, Clock clock) {
		this.settle = settings.settle();
		this.clock = clock;
		this.mentions = mentions;
		this.members = members;
		this.missions = missions;
		this.ledger = ledger;
		this.flags = flags;
		this.keys = keys;
		this.leases = leases;
		this.jdbc = jdbc;
		this.tx = tx;
	}

	@Scheduled(fixedDelayString = "#{" + AdvocacySettings.BEAN + ".watchInterval()}", initialDelayString = "PT5S")
	void watch() {
		if (!leases.hold("job:advocacy-watch")) {
			return;
		}
		while (Boolean.TRUE.equals(tx.execute(status -> readOnce()))) {
			// a backlog: keep reading
		}
	}

	/** One batch in the caller's transaction; answers whether there may be more. */
	boolean readOnce() {
		long after = jdbc.sql("select position from advocacy_cursor where name = ? for update")
			.param(CURSOR)
			.query(Long.class)
			.optional()
			.orElse(0L);
		Instant settled = clock.instant().minus(settle);
		List<Members.Member> watched = members.actingSince(Instant.EPOCH);
		if (watched.isEmpty()) {
			// no member ever acted: nothing before now can be theirs
			move(Math.max(after, mentions.lastId(settled)));
			return false;
		}
		List<Mentions.Posted> batch = mentions.after(after, settled, BATCH);
		if (batch.isEmpty()) {
			return false;
		}
		Map<String, List<Members.Member>> byKey = new HashMap<>();
		for (Members.Member member : watched) {
			if (member.customerId() != null) {
				keys.of(member.customerId())
					.forEach(key -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(member));
			}
		}
		Map<Long, List<Missions.Mission>> running = new HashMap<>();
		for (Mentions.Posted post : batch) {
			for (Members.Member member : byKey.getOrDefault(post.authorKey(), List.of())) {
				if (belonged(member, post.publishedAt())) {
					look(member, post, running.computeIfAbsent(member.programmeId(), missions::observable));
				}
			}
		}
		move(batch.get(batch.size() - 1).id());
		return batch.size() == BATCH;
	}

	private void look(Members.Member member, Mentions.Posted post, List<Missions.Mission> programmeMissions) {
		if (member.contract().requiresDisclosure()
				&& !Disclosure.disclosed(post.text(), member.contract().disclosure())) {
			flags.flag(member, post);
		}
		if (!member.status().acting()) {
			return;
		}
		for (Missions.Mission mission : programmeMissions) {
			if (mission.runsAt(post.publishedAt()) && mission.shownBy(post.text())) {
				ledger.earn(member, mission, post.network() + ":" + post.externalId(), null);
			}
		}
	}

	/**
	 * Whether the post was published between the member's first activation and their
	 * leaving.
	 */
	private static boolean belonged(Members.Member member, Instant publishedAt) {
		return member.activeSince() != null && !publishedAt.isBefore(member.activeSince())
				&& (member.endedAt() == null || publishedAt.isBefore(member.endedAt()));
	}

	private void move(long position) {
		jdbc.sql("merge into advocacy_cursor c using (select cast(? as varchar(50)) as name) s on c.name = s.name "
				+ "when matched then update set position = ? when not matched then insert (name, position) values (s.name, ?)")
			.params(CURSOR, position, position)
			.update();
	}

}
