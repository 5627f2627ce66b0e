package org.parlons.channels;

import org.parlons.channels.social.NetworkWords;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.ReplyPolicy;
import org.springframework.stereotype.Component;

/**
 * The networks' own rules on replies (length limits, the 24-hour customer-service window,
 * where a public answer can go), checked before a reply is stored, so the agent hears it
 * at once in the UI and the API instead of seeing a failed delivery later.
 */
@Component
class NetworkRules implements ReplyPolicy {

	private final Inboxes inboxes;

	private final ChannelConnectors connectors;

	private final NetworkWords words;

	NetworkRules(Inboxes inboxes, ChannelConnectors connectors, NetworkWords words) {
		this.words = words;
		this.inboxes = inboxes;
		this.connectors = connectors;
	}

	@Override
	public Verdict review(Draft draft) {
		Inbox inbox = inboxes.findById(draft.conversation().inboxId()).orElse(null);
		ChannelConnector connector = inbox == null ? null : connectors.of(inbox.channel()).orElse(null);
		if (connector != null && !draft.attachments().isEmpty() && !connector.sendsFiles()) {
			return new Verdict.Block(words.say("reply.noFiles", words.channelName(inbox.channel())));
		}
		String broken = connector == null ? null
				: connector.checkReply(inbox, draft.conversation(), draft.text(), draft.visibility());
		if (broken == null && connector != null && !draft.attachments().isEmpty()) {
			broken = connector.checkFiles(inbox, draft.conversation(), draft.text(), draft.visibility(),
					draft.attachments());
		}
		return broken == null ? Verdict.ALLOW : new Verdict.Block(broken);
	}

}
