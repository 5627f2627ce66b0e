package org.parlons.conversations;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Named sets of actions an agent applies to a conversation in one go: add a label, set a
 * priority, assign (to oneself, to nobody or to a colleague), send a reply (with the
 * variables of {@link CannedText}, through the same governance as any reply) and set a
 * status, in that order. Everyone's or one team's.
 */
@Service
public class Macros {

	/**
	 * A named set of actions applied to a conversation in one go.
	 *
	 * @param id its number
	 * @param name its name
	 * @param teamId the team it is for
	 * @param reply the reply it sends
	 * @param replyVisibility "public" or "private"
	 * @param addLabel the label it adds
	 * @param assign "me", "none" or an agent id
	 * @param priority the priority it sets
	 * @param status the status it sets last
	 */
	public record Macro(long id, String name, @Nullable Long teamId, @Nullable String reply,
			@Nullable String replyVisibility, @Nullable String addLabel, @Nullable String assign,
			@Nullable String priority, @Nullable String status) {

		/** Whether it does anything at all. */
		boolean acts() {
			return this.reply != null || this.addLabel != null || this.assign != null || this.priority != null
					|| this.status != null;
		}

	}

	private static final String COLUMNS = "select id, name, team_id, reply, reply_visibility, add_label, assign, "
			+ "priority, status from macro ";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ConversationActions actions;

	private final Replies replies;

	Macros(JdbcClient jdbc, Clock clock, ConversationActions actions, Replies replies) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.actions = actions;
		this.replies = replies;
	}

	public Macro create(Macro m) {
		Macro clean = checked(m);
		if (jdbc.sql("select count(*) from macro where name = ?").param(clean.name()).query(Long.class).single() > 0) {
			throw InvalidRequestException.conflictSaid("macros.taken", "A macro is already named " + clean.name(),
					clean.name());
		}
		jdbc.sql("insert into macro (name, team_id, reply, reply_visibility, add_label, assign, priority, status, "
				+ "created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(clean.name(), clean.teamId(), clean.reply(), clean.replyVisibility(), clean.addLabel(),
					clean.assign(), clean.priority(), clean.status(), Timestamp.from(clock.instant()))
			.update();
		return all().stream().filter(x -> x.name().equals(clean.name())).findFirst().orElseThrow();
	}

	public void delete(long id) {
		jdbc.sql("delete from macro where id = ?").param(id).update();
	}

	public List<Macro> all() {
		return jdbc.sql(COLUMNS + "order by name")
			.query((rs, n) -> new Macro(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)))
			.list();
	}

	/** Everyone's and those of the given teams. */
	public List<Macro> forTeams(Set<Long> teamIds) {
		return all().stream().filter(m -> m.teamId() == null || teamIds.contains(m.teamId())).toList();
	}

	public Macro find(long id) {
		return all().stream()
			.filter(m -> m.id() == id)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No macro " + id));
	}

	/**
	 * Applies the macro as {@code agent} would by hand: each action checked like the
	 * agent's own (their access, the conversation's rules, the reply's governance), all
	 * or nothing.
	 * @param values the variables' values for this conversation
	 * @return the reply sent or held, if the macro has one
	 */
	@Transactional
	public @Nullable Message apply(AgentPrincipal agent, long conversationId, Macro macro, Map<String, String> values) {
		if (macro.addLabel() != null) {
			actions.label(agent, conversationId, macro.addLabel());
		}
		if (macro.priority() != null) {
			actions.prioritise(agent, conversationId, Priority.fromApi(macro.priority()));
		}
		if (macro.assign() != null) {
			actions.assign(agent, conversationId, switch (macro.assign()) {
				case "me" -> agent.id();
				case "none" -> null;
				default -> Long.valueOf(macro.assign());
			});
		}
		Message sent = null;
		if (macro.reply() != null) {
			sent = replies.reply(agent, conversationId, CannedText.fill(macro.reply(), values),
					macro.replyVisibility() == null ? null : Visibility.fromApi(macro.replyVisibility()));
		}
		if (macro.status() != null) {
			actions.changeStatus(agent, conversationId, ConversationStatus.fromApi(macro.status()), null);
		}
		return sent;
	}

	private static Macro checked(Macro m) {
		String name = m.name() == null ? "" : m.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			throw InvalidRequestException.said("macros.name", "name: 1 to 100 characters");
		}
		String reply = blankToNull(m.reply());
		if (reply != null) {
			CannedText.check(reply);
		}
		String visibility = blankToNull(m.replyVisibility());
		String priority = blankToNull(m.priority());
		String status = blankToNull(m.status());
		String assign = blankToNull(m.assign());
		try {
			if (visibility != null) {
				Visibility.fromApi(visibility);
			}
			if (priority != null) {
				Priority.fromApi(priority);
			}
			if (status != null) {
				ConversationStatus.fromApi(status);
			}
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.from(ex);
		}
		if (assign != null && !assign.equals("me") && !assign.equals("none") && !assign.matches("[0-9]{1,18}")) {
			throw InvalidRequestException.said("refused.assignee",
					"assign: \"me\", \"none\" or an agent id, not " + assign, "assign", assign);
		}
		String label = blankToNull(m.addLabel());
		if (label != null && label.length() > 100) {
			throw InvalidRequestException.said("macros.label", "addLabel: at most 100 characters");
		}
		Macro clean = new Macro(0, name, m.teamId(), reply, visibility, label, assign, priority, status);
		if (!clean.acts()) {
			throw InvalidRequestException.said("macros.nothing",
					"A macro does at least one thing: a reply, a label, an assignee, " + "a priority or a status");
		}
		return clean;
	}

	private static @Nullable String blankToNull(@Nullable String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

}
