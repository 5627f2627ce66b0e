package org.parlons.reporting;

import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.parlons.platform.Leases;
import org.parlons.conversations.ConversationFacts;
import org.parlons.conversations.ConversationFacts.Attribution;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Priority;
import org.parlons.governance.Approvals;
import org.parlons.listening.PublicComplaints;
import org.parlons.platform.PlatformSettings;
import org.parlons.routing.BusinessHours;
import org.parlons.routing.Escalations;
import org.parlons.routing.ServiceLevels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily rollups reports read (V15), built from what the owning modules say happened:
 * conversations opened, first answered and resolved; service-level targets that fell due,
 * met or missed; routing escalations; approvals asked; public complaints and whether they
 * were answered. Each figure belongs to the day its event happened, so only recent days
 * change: they are rebuilt every minute, older ones on demand. This class is the only
 * writer of {@code report_daily}. Attribution is to the conversation's inbox, team and
 * assignee as they are when the rollup is built, except an answered public complaint,
 * which counts for the person whose reply reached the customer. A day is the inbox's:
 * midnight to midnight in the zone of its business hours, else the server's
 * ({@code PARLONS_TIME_ZONE}).
 */
@Service
public class ReportRollups {

	private static final Logger log = LoggerFactory.getLogger(ReportRollups.class);

	private final JdbcTemplate jdbc;

	private final ConversationFacts conversations;

	private final Escalations escalations;

	private final Approvals approvals;

	private final PublicComplaints complaints;

	private final Inboxes inboxes;

	private final Clock clock;

	private final ZoneId serverZone;

	/**
	 * The most a zone is ahead of or behind UTC: how much wider than the UTC days the
	 * events read are, for the inboxes' days to be whole.
	 */
	private static final Duration ZONES = Duration.ofHours(14);

	/**
	 * How long before a period a conversation may have opened and still fall due in it: a
	 * target of days over weekends and holidays.
	 */
	private static final Duration DUE_LOOKBACK = Duration.ofDays(31);

	private final Leases leases;

	ReportRollups(Leases leases, JdbcTemplate jdbc, ConversationFacts conversations, Escalations escalations,
			Approvals approvals, PublicComplaints complaints, Inboxes inboxes, Clock clock, PlatformSettings platform) {
		this.leases = leases;
		this.serverZone = platform.timeZone();
		this.jdbc = jdbc;
		this.conversations = conversations;
		this.escalations = escalations;
		this.approvals = approvals;
		this.complaints = complaints;
		this.inboxes = inboxes;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "#{" + ReportingSettings.BEAN + ".refresh()}", initialDelayString = "PT10S")
	void refreshRecent() {
		if (!leases.hold("job:report-rollups")) {
			return;
		}
		// yesterday and today in every zone
		LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
		rebuild(today.minusDays(1), today.plusDays(1));
	}

	/**
	 * Rebuilds the days from {@code first} to {@code last}, both included; answers how
	 * many rows were written.
	 */
	@Transactional
	public int rebuild(LocalDate first, LocalDate last) {
		Instant from = first.atStartOfDay().toInstant(ZoneOffset.UTC).minus(ZONES);
		Instant to = last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(ZONES);
		Rows rows = new Rows(new InboxZones());
		conversations.opened(from, to, c -> rows.of(c.at(), c.owner()).opened++);
		conversations.firstAnswered(from, to,
				c -> rows.of(c.at(), c.owner()).answeredFirst(Duration.between(c.createdAt(), c.at())));
		attainment(from, to, rows);
		conversations.nextResponses(from, to,
				w -> rows.of(w.answeredAt(), w.owner()).answeredNext(Duration.between(w.askedAt(), w.answeredAt())));
		conversations.resolved(from, to,
				c -> rows.of(c.at(), c.owner()).resolvedAfter(Duration.between(c.createdAt(), c.at())));
		List<Escalations.Routed> routed = escalations.routed(from, to);
		List<Approvals.Approval> asked = approvals.askedBetween(from, to);
		List<PublicComplaints.Complaint> complained = complaints.between(from, to);
		List<Long> ids = new ArrayList<>();
		routed.forEach(e -> ids.add(e.conversationId()));
		asked.forEach(a -> ids.add(a.conversationId()));
		complained.forEach(c -> ids.add(c.conversationId()));
		Map<Long, Attribution> owners = conversations.attributionOf(ids);
		routed.stream()
			.filter(e -> owners.containsKey(e.conversationId()))
			.forEach(e -> rows.of(e.at(), owners.get(e.conversationId())).escalations++);
		asked.stream()
			.filter(a -> owners.containsKey(a.conversationId()))
			.forEach(a -> count(rows, a, owners.get(a.conversationId())));
		complained.stream().filter(c -> owners.containsKey(c.conversationId())).forEach(c -> {
			// an answered complaint counts for the person who answered it, in the
			// conversation's inbox and team; an unanswered one for its current assignee
			Attribution owner = owners.get(c.conversationId());
			ReportFigures r = rows.of(c.at(),
					c.answeredBy() == 0 ? owner : new Attribution(owner.inboxId(), owner.teamId(), c.answeredBy()));
			r.complaints++;
			r.complaintsAnswered += c.answered() ? 1 : 0;
		});
		// the wider reading gave the days around the period in part: they are not
		// rewritten
		rows.byKey.keySet().removeIf(k -> k.day().isBefore(first) || k.day().isAfter(last));
		return write(first, last, rows);
	}

	/**
	 * Service-level attainment over every conversation whose first-response target fell
	 * due in the period, answered or not: met when the first reply came by the due time
	 * (in the inbox's business hours), missed when it came later or has not come. Each
	 * counts on the day its target fell due; a target not yet due counts nowhere yet.
	 */
	private void attainment(Instant from, Instant to, Rows rows) {
		Instant now = clock.instant();
		ServiceLevelTargets targets = new ServiceLevelTargets();
		conversations.firstResponses(from.minus(DUE_LOOKBACK), to,
				c -> targets.of(c.owner().inboxId(), c.priority()).ifPresent(target -> {
					Instant due = target.hours().plus(c.createdAt(), target.firstResponse());
					if (due.isBefore(from) || !due.isBefore(to) || due.isAfter(now)) {
						return;
					}
					ReportFigures r = rows.of(due, c.owner());
					r.slaDue++;
					if (c.answeredAt() != null && !c.answeredAt().isAfter(due)) {
						r.slaMet++;
					}
				}));
	}

	/**
	 * An approval counts for the agent who asked it, in the conversation's inbox and
	 * team.
	 */
	private static void count(Rows rows, Approvals.Approval a, Attribution owner) {
		ReportFigures r = rows.of(a.createdAt(), new Attribution(owner.inboxId(), owner.teamId(), a.requestedBy()));
		r.approvals++;
		if (a.decidedAt() != null) {
			r.approvalsDecided++;
			r.approvalMinutes += Duration.between(a.createdAt(), a.decidedAt()).toMinutes();
		}
	}

	private int write(LocalDate first, LocalDate last, Rows rows) {
		jdbc.update("delete from report_daily where report_day >= ? and report_day <= ?", Date.valueOf(first),
				Date.valueOf(last));
		List<Object[]> batch = new ArrayList<>(rows.byKey.size());
		rows.byKey.forEach((key, r) -> {
			List<Object> values = new ArrayList<>(List.of(Date.valueOf(key.day()), key.owner().inboxId(),
					key.owner().teamId(), key.owner().assigneeId()));
			values.addAll(r.values());
			batch.add(values.toArray());
		});
		jdbc.batchUpdate("insert into report_daily (report_day, inbox_id, team_id, agent_id, " + ReportFigures.COLUMNS
				+ ") values (" + "?, ".repeat(15 + 3 * ReportFigures.BUCKETS.length) + "?)", batch);
		return batch.size();
	}

	/** The rollup rows being built, by day and owner. */
	private static final class Rows {

		private record Key(LocalDate day, Attribution owner) {
		}

		final Map<Key, ReportFigures> byKey = new LinkedHashMap<>();

		private final Function<Long, ZoneId> zoneOf;

		Rows(Function<Long, ZoneId> zoneOf) {
			this.zoneOf = zoneOf;
		}

		/** The figures of the inbox's day the moment falls on. */
		ReportFigures of(Instant at, Attribution owner) {
			return byKey.computeIfAbsent(new Key(at.atZone(zoneOf.apply(owner.inboxId())).toLocalDate(), owner),
					k -> new ReportFigures());
		}

	}

	/**
	 * Each inbox's zone, read once per rebuild: its business hours', else the server's.
	 */
	private final class InboxZones implements Function<Long, ZoneId> {

		private final Map<Long, ZoneId> known = new HashMap<>();

		@Override
		public ZoneId apply(Long inboxId) {
			return known.computeIfAbsent(inboxId, id -> inboxes.findById(id).map(this::zoneOf).orElse(serverZone));
		}

		private ZoneId zoneOf(Inbox inbox) {
			try {
				return ServiceLevels.zone(inbox).orElse(serverZone);
			}
			catch (IllegalArgumentException ex) {
				return serverZone; // checked when saved: only an inbox saved before the
									// check
			}
		}

	}

	/** The inboxes' first-response targets by priority, read once per rebuild. */
	private final class ServiceLevelTargets {

		private record Target(Duration firstResponse, BusinessHours hours) {
		}

		private final Map<List<Object>, Optional<Target>> known = new HashMap<>();

		Optional<Target> of(long inboxId, Priority priority) {
			return known.computeIfAbsent(List.of(inboxId, priority), k -> read(inboxId, priority));
		}

		private Optional<Target> read(long inboxId, Priority priority) {
			Inbox inbox = inboxes.findById(inboxId).orElse(null);
			if (inbox == null) {
				return Optional.empty();
			}
			try {
				return ServiceLevels.firstResponse(inbox, priority.name())
					.map(target -> new Target(target, ServiceLevels.hours(inbox)));
			}
			catch (RuntimeException ex) {
				// checked when saved, so only an inbox saved before the check came: left
				// out of attainment, said here
				log.warn("Inbox {} has service levels that cannot be read, left out of attainment: {}", inboxId,
						ex.getMessage());
				return Optional.empty();
			}
		}

	}

}
