package org.parlons.conversations.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.conversations.ConversationActions;
import org.parlons.conversations.ConversationStatus;
import org.parlons.platform.ErrorDetails;
import org.parlons.platform.InvalidRequestException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * One action on many conversations (assign, label, transfer, set a status), each done as
 * the agent would do it by hand, each on its own: one refused (another team's, a rule
 * broken) leaves the others done, and says why.
 */
@Component
class BulkActions {

	static final int MAX = 200;

	/** What to do; exactly one field set. {@code assignee}: "me", "none" or an id. */
	record Action(@Nullable String status, @Nullable String assignee, @Nullable String label, @Nullable Long teamId) {
	}

	/**
	 * A conversation a bulk action was refused for.
	 *
	 * @param id the conversation
	 * @param detail why, in the reader's language
	 */
	record Refused(long id, String detail) {
	}

	/**
	 * What a bulk action did.
	 *
	 * @param done the conversations it was done to
	 * @param refused the others, each with why
	 */
	record Outcome(List<Long> done, List<Refused> refused) {
	}

	private final ConversationActions actions;

	BulkActions(ConversationActions actions) {
		this.actions = actions;
	}

	Outcome apply(AgentPrincipal me, List<Long> ids, Action action) {
		if (ids.isEmpty() || ids.size() > MAX) {
			throw InvalidRequestException.said("bulk.ids", "ids: 1 to " + MAX + " conversations", MAX);
		}
		int set = (action.status() == null ? 0 : 1) + (action.assignee() == null ? 0 : 1)
				+ (action.label() == null || action.label().isBlank() ? 0 : 1) + (action.teamId() == null ? 0 : 1);
		if (set != 1) {
			throw InvalidRequestException.said("bulk.oneAction",
					"One action at a time: status, assignee, label or teamId");
		}
		ConversationStatus status = action.status() == null ? null : status(action.status());
		Long assignee = action.assignee() == null ? null : assignee(me, action.assignee());
		List<Long> done = new ArrayList<>();
		List<Refused> refused = new ArrayList<>();
		for (long id : new java.util.LinkedHashSet<>(ids)) {
			try {
				if (status != null) {
					actions.changeStatus(me, id, status, null);
				}
				else if (action.assignee() != null) {
					actions.assign(me, id, assignee);
				}
				else if (action.teamId() != null) {
					actions.transfer(me, id, action.teamId());
				}
				else {
					actions.label(me, id, action.label().strip());
				}
				done.add(id);
			}
			catch (ErrorResponseException | IllegalArgumentException | IllegalStateException ex) {
				refused.add(new Refused(id, ErrorDetails.of(ex)));
			}
		}
		return new Outcome(done, refused);
	}

	private static ConversationStatus status(String value) {
		try {
			return ConversationStatus.fromApi(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("status: " + ex.getMessage());
		}
	}

	private static @Nullable Long assignee(AgentPrincipal me, String value) {
		return switch (value) {
			case "me" -> me.id();
			case "none" -> null;
			default -> {
				try {
					yield Long.valueOf(value);
				}
				catch (NumberFormatException ex) {
					throw InvalidRequestException.said("refused.assignee",
							"assignee: \"me\", \"none\" or an agent id, not " + value, "assignee", value);
				}
			}
		};
	}

}
