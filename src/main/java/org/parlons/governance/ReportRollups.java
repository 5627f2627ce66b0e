package org.parlons.governance;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily rollups reports read (V15). Each figure belongs to the day its event happened (opened, first
 * answered, resolved, escalated, approval asked), so only recent days change: they are rebuilt every
 * minute, older ones on demand. Reports are a read model over the conversations, approvals, escalations
 * and mentions tables; this class is the only writer of {@code report_daily}. Attribution is to the
 * conversation's inbox, team and assignee as they are when the rollup is built.
 */
@Service
public class ReportRollups {

	/** Upper bounds of the duration buckets, in minutes; the last is open-ended. */
	static final long[] BUCKETS = { 1, 5, 15, 30, 60, 120, 240, 480, 1440, 2880, 10080, Long.MAX_VALUE };

	/** The histogram columns, first responses then resolutions: frt_0, …, res_11. */
	static final String BUCKET_COLUMNS = String.join(", ", Stream
		.concat(IntStream.range(0, BUCKETS.length).mapToObj(i -> "frt_" + i),
				IntStream.range(0, BUCKETS.length).mapToObj(i -> "res_" + i))
		.toList());

	private final JdbcTemplate jdbc;

	private final Inboxes inboxes;

	private final Clock clock;

	ReportRollups(JdbcTemplate jdbc, Inboxes inboxes, Clock clock) {
		this.jdbc = jdbc;
		this.inboxes = inboxes;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${parlons.reports.refresh:PT1M}", initialDelayString = "PT10S")
	void refreshRecent() {
		LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
		rebuild(today.minusDays(1), today);
	}

	/** Rebuilds the days from {@code first} to {@code last}, both included. */
	@Transactional
	public int rebuild(LocalDate first, LocalDate last) {
		Timestamp from = Timestamp.from(first.atStartOfDay().toInstant(ZoneOffset.UTC));
		Timestamp to = Timestamp.from(last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
		Map<List<Object>, Row> rows = new LinkedHashMap<>();
		jdbc.query("select inbox_id, coalesce(team_id, 0), coalesce(assignee_id, 0), created_at from conversation "
				+ "where created_at >= ? and created_at < ?", rs -> {
					row(rows, rs.getTimestamp(4).toInstant(), rs.getLong(1), rs.getLong(2), rs.getLong(3)).opened++;
				}, from, to);
		Map<List<Object>, Optional<Sla>> slas = new HashMap<>();
		jdbc.query("select inbox_id, coalesce(team_id, 0), coalesce(assignee_id, 0), created_at, first_reply_at, priority "
				+ "from conversation where first_reply_at >= ? and first_reply_at < ?", rs -> {
					Instant created = rs.getTimestamp(4).toInstant();
					Instant answered = rs.getTimestamp(5).toInstant();
					Row r = row(rows, answered, rs.getLong(1), rs.getLong(2), rs.getLong(3));
					r.firstResponses++;
					r.firstResponse[bucket(Duration.between(created, answered))]++;
					slas.computeIfAbsent(List.of(rs.getLong(1), rs.getString(6)), k -> sla((Long) k.get(0), (String) k.get(1)))
						.ifPresent(sla -> {
						r.slaDue++;
						if (sla.hours().between(created, answered).compareTo(sla.firstResponse()) <= 0) {
							r.slaMet++;
						}
					});
				}, from, to);
		jdbc.query("select c.inbox_id, coalesce(c.team_id, 0), coalesce(c.assignee_id, 0), c.created_at, e.created_at "
				+ "from conversation_event e join conversation c on c.id = e.conversation_id "
				+ "where e.type = 'resolved' and e.created_at >= ? and e.created_at < ?", rs -> {
					Instant resolved = rs.getTimestamp(5).toInstant();
					Row r = row(rows, resolved, rs.getLong(1), rs.getLong(2), rs.getLong(3));
					r.resolved++;
					r.resolution[bucket(Duration.between(rs.getTimestamp(4).toInstant(), resolved))]++;
				}, from, to);
		jdbc.query("select c.inbox_id, coalesce(c.team_id, 0), coalesce(c.assignee_id, 0), e.created_at "
				+ "from escalation e join conversation c on c.id = e.conversation_id "
				+ "join escalation_rule r on r.id = e.rule_id and (r.target_team_id is not null or r.target_agent_id is not null) "
				+ "where e.created_at >= ? and e.created_at < ?",
				rs -> {
					row(rows, rs.getTimestamp(4).toInstant(), rs.getLong(1), rs.getLong(2), rs.getLong(3)).escalations++;
				}, from, to);
		jdbc.query("select c.inbox_id, coalesce(c.team_id, 0), a.requested_by, a.created_at, a.decided_at from approval a "
				+ "join conversation c on c.id = a.conversation_id where a.created_at >= ? and a.created_at < ?", rs -> {
					Row r = row(rows, rs.getTimestamp(4).toInstant(), rs.getLong(1), rs.getLong(2), rs.getLong(3));
					r.approvals++;
					if (rs.getTimestamp(5) != null) {
						r.approvalsDecided++;
						r.approvalMinutes += Duration.between(rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant())
							.toMinutes();
					}
				}, from, to);
		// Public complaints: negative public messages of the inboxes (as listening read them), answered when a
		// public reply came after them in the same conversation.
		jdbc.query("select c.inbox_id, coalesce(c.team_id, 0), coalesce(c.assignee_id, 0), m.published_at, "
				+ "(select count(*) from message r where r.conversation_id = m.conversation_id and r.direction = 'out' "
				+ "and r.visibility = 'PUBLIC' and r.created_at >= m.published_at and r.status not in ('failed', 'rejected')) "
				+ "from mention m join conversation c on c.id = m.conversation_id where m.source = 'inbox' "
				+ "and m.label = 'negative' and m.published_at >= ? and m.published_at < ?", rs -> {
					Row r = row(rows, rs.getTimestamp(4).toInstant(), rs.getLong(1), rs.getLong(2), rs.getLong(3));
					r.complaints++;
					if (rs.getLong(5) > 0) {
						r.complaintsAnswered++;
					}
				}, from, to);
		jdbc.update("delete from report_daily where report_day >= ? and report_day <= ?", Date.valueOf(first), Date.valueOf(last));
		List<Object[]> batch = new ArrayList<>(rows.size());
		rows.forEach((key, r) -> {
			List<Object> values = new ArrayList<>(List.of(Date.valueOf((LocalDate) key.get(0)), key.get(1), key.get(2),
					key.get(3), r.opened, r.firstResponses, r.resolved, r.slaDue, r.slaMet, r.complaints,
					r.complaintsAnswered, r.escalations, r.approvals, r.approvalsDecided, r.approvalMinutes));
			Arrays.stream(r.firstResponse).forEach(values::add);
			Arrays.stream(r.resolution).forEach(values::add);
			batch.add(values.toArray());
		});
		jdbc.batchUpdate("insert into report_daily (report_day, inbox_id, team_id, agent_id, opened, first_responses, "
				+ "resolved, sla_due, sla_met, complaints, complaints_answered, escalations, approvals, approvals_decided, "
				+ "approval_minutes, " + BUCKET_COLUMNS + ") values (" + "?, ".repeat(14 + 2 * BUCKETS.length) + "?)", batch);
		return batch.size();
	}

	/** An inbox's first-response target for a priority and its business hours, when it has one. */
	private Optional<Sla> sla(long inboxId, String priority) {
		Inbox inbox = inboxes.findById(inboxId).orElse(null);
		if (inbox == null) {
			return Optional.empty();
		}
		try {
			return ServiceLevels.firstResponse(inbox, priority).map(target -> new Sla(target, ServiceLevels.hours(inbox)));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	private record Sla(Duration firstResponse, BusinessHours hours) {
	}

	static int bucket(Duration d) {
		long minutes = Math.max(0, d.toMinutes());
		for (int i = 0; i < BUCKETS.length; i++) {
			if (minutes < BUCKETS[i]) {
				return i;
			}
		}
		return BUCKETS.length - 1;
	}

	private static Row row(Map<List<Object>, Row> rows, Instant at, long inbox, long team, long agent) {
		return rows.computeIfAbsent(List.of(at.atOffset(ZoneOffset.UTC).toLocalDate(), inbox, team, agent), k -> new Row());
	}

	/** One rollup row being built. */
	private static final class Row {

		int opened;

		int firstResponses;

		long[] firstResponse = new long[BUCKETS.length];

		int resolved;

		long[] resolution = new long[BUCKETS.length];

		int slaDue;

		int slaMet;

		int complaints;

		int complaintsAnswered;

		int escalations;

		int approvals;

		int approvalsDecided;

		long approvalMinutes;

	}

}
