package org.parlons.channels.meta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.parlons.conversations.ConversationSignals;
import org.parlons.conversations.Conversations;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Messages;
import org.parlons.conversations.Placement;
import org.springframework.stereotype.Component;

/**
 * The 24-hour customer-service window of Messenger, Instagram and WhatsApp on the
 * conversation: when it closes (counted down in the pane), closing soon in its last two
 * hours, closed after (then only a template on WhatsApp, nothing on Messenger and
 * Instagram).
 */
@Component
class ReplyWindowSignals implements ConversationSignals {

	private static final Set<String> CHANNELS = Set.of("facebook", "instagram", "whatsapp");

	private static final Duration SOON = Duration.ofHours(2);

	private final Conversations conversations;

	private final Inboxes inboxes;

	private final Messages messages;

	private final Clock clock;

	ReplyWindowSignals(Conversations conversations, Inboxes inboxes, Messages messages, Clock clock) {
		this.conversations = conversations;
		this.inboxes = inboxes;
		this.messages = messages;
		this.clock = clock;
	}

	@Override
	public List<Signal> of(long conversationId) {
		return conversations.findById(conversationId)
			.filter(c -> inboxes.findById(c.inboxId()).map(i -> CHANNELS.contains(i.channel())).orElse(false))
			.flatMap(c -> messages.lastInbound(conversationId, Placement.DIRECT))
			.map(last -> {
				Instant closes = last.sentAt().plus(MetaConnector.WINDOW);
				Instant now = clock.instant();
				String state = now.isAfter(closes) ? "closed" : now.isAfter(closes.minus(SOON)) ? "closing" : "open";
				return List.of(new Signal("window", state, closes));
			})
			.orElse(List.of());
	}

}
