package org.parlons.conversations;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;

/**
 * A rule a reply must pass before it goes out: the brand's governance plugs in here
 * (mandates, code of conduct). Every policy sees every draft; the strictest verdict wins
 * (block, then warn until the agent confirms, then hold, then allow).
 */
public interface ReplyPolicy {

	Verdict review(Draft draft);

	/**
	 * A reply as the agent wrote it, before it is stored, with the gesture it commits to
	 * when given as an action.
	 */
	record Draft(AgentPrincipal agent, Conversation conversation, String text, Visibility visibility,
			@Nullable Commitment commitment, List<Attachment> attachments) {

		public Draft(AgentPrincipal agent, Conversation conversation, String text, Visibility visibility,
				@Nullable Commitment commitment) {
			this(agent, conversation, text, visibility, commitment, List.of());
		}

	}

	/** What a policy says of a draft. */
	sealed interface Verdict {

		/** Nothing to say. */
		record Allow() implements Verdict {
		}

		/** Stored, but sent only once someone entitled approves it. */
		record Hold(String reason, @Nullable BigDecimal amount, @Nullable String currency) implements Verdict {
		}

		/** Not sent until the agent, told why, confirms it goes as written. */
		record Warn(List<String> reasons) implements Verdict {

			public Warn {
				reasons = List.copyOf(reasons);
			}

		}

		/** Not sent, not stored: the agent is told why and rewrites it. */
		record Block(String reason) implements Verdict {
		}

		Verdict ALLOW = new Allow();

	}

}
