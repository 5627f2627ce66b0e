package org.parlons.governance;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Agent;
import org.parlons.agents.Agents;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.ReplyPolicy.Verdict;
import org.parlons.conversations.Visibility;
import org.springframework.stereotype.Service;

/**
 * The governance of replies applied to what the brand posts on its own (an edition): the
 * author's mandate (channel, language, withheld topics, gestures) and the inbox's code of
 * conduct, read as for a public reply. A post beyond the mandate waits for someone whose
 * mandate covers it; a blocking rule stops it; warnings are told.
 */
@Service
public class PostReview {

	/**
	 * What governance says of a post.
	 *
	 * @param blocked the blocking rule broken, if any: it may not go as written
	 * @param held what the author's mandate does not cover: it waits for approval
	 * @param warnings warning rules broken: told, not stopping
	 */
	public record Review(@Nullable String blocked, List<String> held, List<String> warnings) {

		public Review {
			held = List.copyOf(held);
			warnings = List.copyOf(warnings);
		}

	}

	private final Agents agents;

	private final MandatePolicy mandates;

	private final ConductPolicy conduct;

	PostReview(Agents agents, MandatePolicy mandates, ConductPolicy conduct) {
		this.agents = agents;
		this.mandates = mandates;
		this.conduct = conduct;
	}

	/** The author's post on the inbox's account, reviewed. */
	public Review review(long authorId, Inbox inbox, String text) {
		Agent author = agents.findById(authorId).orElseThrow();
		List<String> held = uncovered(author, inbox, text);
		Verdict verdict = conduct.check(text, inbox.id(), Visibility.PUBLIC, author.name());
		List<String> warnings = new ArrayList<>();
		String blocked = null;
		if (verdict instanceof Verdict.Block block) {
			blocked = block.reason();
		}
		else if (verdict instanceof Verdict.Warn warn) {
			warnings.addAll(warn.reasons());
		}
		return new Review(blocked, held, warnings);
	}

	/**
	 * What of the post the agent's mandate does not cover: empty when they may post it,
	 * or approve it.
	 */
	public List<String> uncovered(long agentId, Inbox inbox, String text) {
		return uncovered(agents.findById(agentId).orElseThrow(), inbox, text);
	}

	private List<String> uncovered(Agent agent, Inbox inbox, String text) {
		return mandates.uncovered(agent, text, null, inbox.channel(), Visibility.PUBLIC);
	}

}
