package org.parlons.segments;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Agent;
import org.parlons.agents.Agents;
import org.parlons.agents.Mandate;
import org.parlons.agents.Role;
import org.parlons.customers.Customers;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.parlons.privacy.Consents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue of actions an agent may take with a customer (an offer, a goodwill
 * gesture, a callback, an invitation to a programme, a survey) and the arbitration that
 * ranks them for one customer in one conversation, after Pega's: eligibility first (the
 * customer is in each of the action's segments; consent for a promotional one; not past
 * its contact policy of at most N accepted in a period on the conversation's channel),
 * then priority = propensity × value × priority lever, the propensity being the share of
 * the action's suggestions agents accepted so far (Laplace-smoothed: (accepted + 1) /
 * (decided + 2)). Each suggestion carries its reasons; one whose gesture is beyond the
 * agent's mandate says it needs approval.
 */
@Service
public class NextBestActions {

	/** The kinds an action may be. */
	public static final List<String> KINDS = List.of("offer", "gesture", "callback", "invitation", "survey");

	/** The formula, as reports and the API say it. */
	public static final String METHOD = "eligible: in every segment of the action, promotional consent when the action "
			+ "is promotional, fewer accepted than its cap in its period on this channel; "
			+ "priority = propensity × value × priority, propensity = (accepted + 1) / (decided + 2)";

	/**
	 * An action of the catalogue.
	 *
	 * @param id its number
	 * @param key its key
	 * @param titleFr its title in French
	 * @param titleEn its title in English
	 * @param kind offer, gesture, callback, invitation or survey
	 * @param segmentIds the segments a customer must all be in
	 * @param capCount at most this many accepted per customer and channel…
	 * @param capDays …in this many days
	 * @param value what it is worth to the company, in any unit the company chooses
	 * @param priority a lever the company sets (1 is neutral)
	 * @param promotional whether it promotes something: it needs the customer's consent
	 * @param purpose the consent purpose it needs, when promotional
	 * @param gestureAmount the amount it gives, when it is a gesture
	 * @param gestureCurrency the amount's currency
	 * @param active whether it is offered
	 */
	public record Action(long id, String key, String titleFr, String titleEn, String kind, List<Long> segmentIds,
			int capCount, int capDays, double value, double priority, boolean promotional, @Nullable String purpose,
			@Nullable BigDecimal gestureAmount, @Nullable String gestureCurrency, boolean active) {

		public String title(Locale locale) {
			return "fr".equals(locale.getLanguage()) ? titleFr : titleEn;
		}

	}

	/**
	 * Why a suggestion is made, or held: a bundle code and its arguments, retold in the
	 * reader's language.
	 */
	public record Reason(String code, List<Object> arguments) {
	}

	/**
	 * A suggestion for one customer.
	 *
	 * @param action the action
	 * @param score its priority (propensity × value × priority)
	 * @param propensity the share of its suggestions accepted so far, smoothed
	 * @param reasons why it is suggested
	 * @param needsApproval its gesture is beyond the agent's mandate
	 */
	public record Suggestion(Action action, double score, double propensity, List<Reason> reasons,
			boolean needsApproval) {
	}

	/**
	 * An action left out for a customer, with why: shown on request, so that nothing is
	 * hidden without a reason.
	 */
	public record Withheld(Action action, Reason reason) {
	}

	/** The suggestions, best first, and the actions left out. */
	public record Ranking(List<Suggestion> suggestions, List<Withheld> withheld) {
	}

	/** An action's figures: suggestions decided, accepted, and the acceptance rate. */
	public record Tally(Action action, long decided, long accepted, double acceptanceRate) {
	}

	private final JdbcClient jdbc;

	private final Segments segments;

	private final Customers customers;

	private final Consents consents;

	private final Agents agents;

	private final Clock clock;

	NextBestActions(JdbcClient jdbc, Segments segments, Customers customers, Consents consents, Agents agents,
			Clock clock) {
		this.jdbc = jdbc;
		this.segments = segments;
		this.customers = customers;
		this.consents = consents;
		this.agents = agents;
		this.clock = clock;
	}

	@Transactional
	public Action create(String key, String titleFr, String titleEn, String kind, List<Long> segmentIds, int capCount,
			int capDays, double value, double priority, boolean promotional, @Nullable String purpose,
			@Nullable BigDecimal gestureAmount, @Nullable String gestureCurrency) {
		String clean = key.strip().toLowerCase(Locale.ROOT);
		if (!clean.matches("[a-z][a-z0-9_-]{0,59}")) {
			throw Refusals.invalid("action.key", "An action's key is 1 to 60 lower-case letters, digits, - or _");
		}
		if (!KINDS.contains(kind)) {
			throw Refusals.invalid("action.kind",
					"An action is an offer, gesture, callback, invitation or survey, not '" + kind + "'", kind);
		}
		if (titleFr.isBlank() || titleEn.isBlank() || titleFr.length() > 200 || titleEn.length() > 200) {
			throw Refusals.invalid("action.title",
					"An action has a title in French and in English, 1 to 200 characters");
		}
		if (capCount < 1 || capDays < 1 || capDays > 3660) {
			throw Refusals.invalid("action.cap", "A contact policy is at least once in 1 to 3660 days");
		}
		if (!(value > 0) || !(priority > 0)) {
			throw Refusals.invalid("action.value", "An action's value and priority are above 0");
		}
		if (promotional && (purpose == null || purpose.isBlank())) {
			throw Refusals.invalid("action.purpose", "A promotional action names the consent purpose it needs");
		}
		if (gestureAmount != null
				&& (gestureAmount.signum() <= 0 || gestureCurrency == null || !gestureCurrency.matches("[A-Z]{3}"))) {
			throw Refusals.invalid("action.gesture", "A gesture is an amount above 0 with its ISO 4217 currency");
		}
		for (Long segmentId : segmentIds) {
			segments.get(segmentId);
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		try {
			jdbc.sql("insert into next_action (action_key, title_fr, title_en, kind, segment_ids, cap_count, cap_days, "
					+ "value_amount, priority, promotional, purpose_key, gesture_amount, gesture_currency, active, "
					+ "created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?)")
				.params(clean, titleFr.strip(), titleEn.strip(), kind,
						String.join(",", segmentIds.stream().map(String::valueOf).toList()), capCount, capDays, value,
						priority, promotional, promotional ? purpose.strip() : null, gestureAmount, gestureCurrency,
						Timestamp.from(clock.instant()))
				.update(keys, "id");
		}
		catch (org.springframework.dao.DuplicateKeyException taken) {
			throw Refusals.conflict("action.exists", "There is already an action " + clean, clean);
		}
		return get(keys.getKeyAs(Number.class).longValue());
	}

	public List<Action> all() {
		return jdbc.sql("select * from next_action order by action_key").query(NextBestActions::action).list();
	}

	public Optional<Action> find(long id) {
		return jdbc.sql("select * from next_action where id = ?").param(id).query(NextBestActions::action).optional();
	}

	public Action get(long id) {
		return find(id)
			.orElseThrow(() -> NotFoundException.said("action.unknown", "No action " + id, String.valueOf(id)));
	}

	@Transactional
	public void setActive(long id, boolean active) {
		get(id);
		jdbc.sql("update next_action set active = ? where id = ?").params(active, id).update();
	}

	/**
	 * The actions for a customer in a conversation on a channel, ranked, with the ones
	 * left out and why.
	 */
	public Ranking rank(long customerId, @Nullable String channel, long agentId) {
		long current = customers.current(customerId);
		Agent agent = agents.findById(agentId).orElseThrow();
		List<Suggestion> suggestions = new ArrayList<>();
		List<Withheld> withheld = new ArrayList<>();
		for (Action action : all()) {
			if (!action.active()) {
				continue;
			}
			long used = used(action, current, channel);
			Optional<Reason> out = ineligible(action, current, channel, used);
			if (out.isPresent()) {
				withheld.add(new Withheld(action, out.get()));
				continue;
			}
			long[] tally = tally(action.id());
			double propensity = (tally[1] + 1.0) / (tally[0] + 2.0);
			double score = propensity * action.value() * action.priority();
			List<Reason> reasons = new ArrayList<>();
			for (Long segmentId : action.segmentIds()) {
				reasons.add(new Reason("action.reason.segment", List.of(segmentName(segmentId))));
			}
			reasons.add(new Reason("action.reason.cap", List.of(used, action.capCount(), action.capDays())));
			reasons
				.add(new Reason("action.reason.propensity", List.of(tally[1], tally[0], Math.round(propensity * 100))));
			reasons.add(new Reason("action.reason.value",
					List.of(plain(action.value()), plain(action.priority()), plain(Math.round(score * 100) / 100.0))));
			boolean needsApproval = beyondMandate(action, agent);
			if (needsApproval) {
				reasons.add(new Reason("action.reason.approval", List.of(agent.mandate().describe())));
			}
			suggestions.add(new Suggestion(action, score, propensity, reasons, needsApproval));
		}
		suggestions.sort(Comparator.comparingDouble(Suggestion::score).reversed().thenComparing(s -> s.action().key()));
		return new Ranking(suggestions, withheld);
	}

	/**
	 * Why the action is not for the customer, accepted {@code used} times in its period.
	 */
	private Optional<Reason> ineligible(Action action, long customerId, @Nullable String channel, long used) {
		for (Long segmentId : action.segmentIds()) {
			if (!segments.contains(segmentId, customerId)) {
				return Optional.of(new Reason("action.withheld.segment", List.of(segmentName(segmentId))));
			}
		}
		if (action.promotional() && !consents.allows(customerId, action.purpose(), channel)) {
			return Optional.of(new Reason("action.withheld.consent", List.of(String.valueOf(action.purpose()))));
		}
		if (used >= action.capCount()) {
			return Optional.of(new Reason("action.withheld.cap", List.of(used, action.capCount(), action.capDays())));
		}
		return Optional.empty();
	}

	private String segmentName(long segmentId) {
		return segments.find(segmentId).map(Segments.Segment::name).orElse("#" + segmentId);
	}

	/**
	 * How many times the action was accepted for the customer on the channel in its
	 * period.
	 */
	private long used(Action action, long customerId, @Nullable String channel) {
		Instant since = clock.instant().minus(Duration.ofDays(action.capDays()));
		var query = jdbc
			.sql("select count(*) from next_action_decision where action_id = :action and customer_id = any(:ids) "
					+ "and accepted = true and decided_at >= :since"
					+ (channel == null ? " and channel is null" : " and channel = :channel"))
			.param("action", action.id())
			.param("ids", customers.aliasesOf(customerId).toArray(Long[]::new))
			.param("since", Timestamp.from(since));
		return (channel == null ? query : query.param("channel", channel)).query(Long.class).single();
	}

	private static boolean beyondMandate(Action action, Agent agent) {
		if (action.gestureAmount() == null || agent.role() == Role.ADMIN) {
			return false;
		}
		Mandate mandate = agent.mandate();
		return mandate.maxGestureAmount() == null || !action.gestureCurrency().equals(mandate.maxGestureCurrency())
				|| action.gestureAmount().compareTo(mandate.maxGestureAmount()) > 0;
	}

	/**
	 * Records the agent's decision on a suggestion. An action no longer eligible for the
	 * customer is refused (409): its cap was reached meanwhile, they left its segment…
	 * @return whether the accepted action needs approval (a gesture beyond the mandate:
	 * the agent sends it with the reply, which waits for approval)
	 */
	@Transactional
	public boolean decide(long actionId, long customerId, @Nullable Long conversationId, @Nullable String channel,
			long agentId, boolean accepted, @Nullable String note) {
		Action action = get(actionId);
		long current = customers.current(customerId);
		customers.lock(current);
		if (accepted) {
			ineligible(action, current, channel, used(action, current, channel)).ifPresent(reason -> {
				throw Refusals.conflict("action.ineligible", "This action is no longer offered to this customer");
			});
		}
		Agent agent = agents.findById(agentId).orElseThrow();
		boolean approval = accepted && beyondMandate(action, agent);
		jdbc.sql("insert into next_action_decision (action_id, customer_id, conversation_id, channel, agent_id, "
				+ "accepted, needs_approval, note, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(actionId, current, conversationId, channel, agentId, accepted, approval,
					note == null || note.isBlank() ? null
							: note.strip().substring(0, Math.min(500, note.strip().length())),
					Timestamp.from(clock.instant()))
			.update();
		return approval;
	}

	/** Each action's decisions and acceptance rate, over everything recorded. */
	public List<Tally> report() {
		List<Tally> tallies = new ArrayList<>();
		for (Action action : all()) {
			long[] t = tally(action.id());
			tallies.add(new Tally(action, t[0], t[1], t[0] == 0 ? 0 : (double) t[1] / t[0]));
		}
		return tallies;
	}

	private long[] tally(long actionId) {
		return jdbc
			.sql("select count(*), coalesce(sum(case when accepted then 1 else 0 end), 0) from next_action_decision "
					+ "where action_id = ?")
			.param(actionId)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
	}

	private static String plain(double value) {
		return Condition.Comparison.plain(value);
	}

	private static Action action(ResultSet rs, int n) throws SQLException {
		String ids = rs.getString("segment_ids");
		List<Long> segmentIds = ids.isBlank() ? List.of() : Arrays.stream(ids.split(",")).map(Long::valueOf).toList();
		return new Action(rs.getLong("id"), rs.getString("action_key"), rs.getString("title_fr"),
				rs.getString("title_en"), rs.getString("kind"), segmentIds, rs.getInt("cap_count"),
				rs.getInt("cap_days"), rs.getDouble("value_amount"), rs.getDouble("priority"),
				rs.getBoolean("promotional"), rs.getString("purpose_key"), rs.getBigDecimal("gesture_amount"),
				rs.getString("gesture_currency"), rs.getBoolean("active"));
	}

}
