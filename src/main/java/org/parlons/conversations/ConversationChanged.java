package org.parlons.conversations;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Something about a conversation changed. Each kind of change is a record, registered by
 * {@link Conversation} (or by the reply and delivery paths of this module) and published
 * once its transaction commits: screens refresh, the audit log and the reports listen. A
 * change the timeline tells names its {@link #line()}.
 */
public sealed interface ConversationChanged
		permits ConversationChanged.Resolved, ConversationChanged.Reopened, ConversationChanged.AwaitingCustomer,
		ConversationChanged.Snoozed, ConversationChanged.Woke, ConversationChanged.Assigned,
		ConversationChanged.Transferred, ConversationChanged.Prioritised, ConversationChanged.Escalated,
		ConversationChanged.Labelled, ConversationChanged.Unlabelled, ConversationChanged.NoteAdded,
		ConversationChanged.ServiceLevelBreached, ConversationChanged.Moderated, ConversationChanged.DeliveryFailed,
		ConversationChanged.MessageStatusChanged, ConversationChanged.SentDespiteWarnings,
		ConversationChanged.GestureCommitted, ConversationChanged.ReplyApproved, ConversationChanged.ReplyRejected,
		ConversationChanged.Started, ConversationChanged.Joined, ConversationChanged.JoinedInto,
		ConversationChanged.JoinRefused, ConversationChanged.Rated, ReplyHeld, ReplyQueued {

	long conversationId();

	long inboxId();

	/**
	 * What live screens are told changed: status, assignee, team, priority, labels, note,
	 * reply, message…
	 */
	String what();

	/**
	 * The timeline's line for the change; none when the timeline shows it otherwise (a
	 * message, a note).
	 */
	default @Nullable Line line() {
		return null;
	}

	/**
	 * A line of the timeline: a readable type, a detail, and the agent or team it names,
	 * if any.
	 */
	record Line(String type, @Nullable String detail, @Nullable Long subjectId) {

		static Line of(String type, @Nullable String detail) {
			return new Line(type, detail, null);
		}

	}

	/**
	 * An agent started the conversation, writing first to the customer on this channel
	 * (email, sms, whatsapp).
	 */
	record Started(long conversationId, long inboxId, long agentId, String channel) implements ConversationChanged {

		@Override
		public String what() {
			return "status";
		}

		@Override
		public Line line() {
			return new Line("started", channel, agentId);
		}

	}

	record Resolved(long conversationId, long inboxId) implements ConversationChanged {

		@Override
		public String what() {
			return "status";
		}

		@Override
		public Line line() {
			return Line.of("resolved", null);
		}

	}

	/**
	 * The customer rated how a resolution went (1 to 5), with their comment if they left
	 * one.
	 */
	record Rated(long conversationId, long inboxId, int score,
			@Nullable String comment) implements ConversationChanged {

		@Override
		public String what() {
			return "rating";
		}

		@Override
		public Line line() {
			return Line.of("rated", score + "/5" + (comment == null || comment.isBlank() ? "" : " · " + comment));
		}

	}

	/**
	 * The messages of a newer conversation of the same thread, which a later mail linked
	 * to this one, now live here.
	 */
	record Joined(long conversationId, long inboxId, long joinedId) implements ConversationChanged {

		@Override
		public String what() {
			return "message";
		}

		@Override
		public Line line() {
			return Line.of("joined", "#" + joinedId);
		}

	}

	/**
	 * This conversation's messages joined an older one of the same thread; it is closed.
	 */
	record JoinedInto(long conversationId, long inboxId, long intoId) implements ConversationChanged {

		@Override
		public String what() {
			return "status";
		}

		@Override
		public Line line() {
			return Line.of("joined-into", "#" + intoId);
		}

	}

	/**
	 * A mail linked this conversation to another that is not the same customer's (or not
	 * in the same inbox): they stay apart, and the timeline says so.
	 */
	record JoinRefused(long conversationId, long inboxId, long otherId) implements ConversationChanged {

		@Override
		public String what() {
			return "status";
		}

		@Override
		public Line line() {
			return Line.of("join-refused", "#" + otherId);
		}

	}

	/** Open again: by an agent, or because the customer wrote. */
	record Reopened(long conversationId, long inboxId, boolean byCustomer) implements ConversationChanged {

		@Override
		public String what() {
			return "status";
		}

		@Override
		public Line line() {
			return Line.of("reopened", byCustomer ? "customer" : null);
		}

	}

	record AwaitingCustomer(long conversationId, long inboxId) implements ConversationChanged {

		@Override
		public String what() {
			return "status";
		}

		@Override
		public Line line() {
			return Line.of("pending", null);
		}

	}

	record Snoozed(long conversationId, long inboxId, Instant until) implements ConversationChanged {

		@Override
		public String what() {
			return "status";
		}

		@Override
		public Line line() {
			return Line.of("snoozed", until.toString());
		}

	}

	/** The snooze ended: open again. */
	record Woke(long conversationId, long inboxId) implements ConversationChanged {

		@Override
		public String what() {
			return "status";
		}

		@Override
		public Line line() {
			return Line.of("woke", null);
		}

	}

	/**
	 * Given to an agent, or to nobody; {@code automatically} when automatic assignment
	 * chose.
	 */
	record Assigned(long conversationId, long inboxId, @Nullable Long assigneeId,
			boolean automatically) implements ConversationChanged {

		@Override
		public String what() {
			return "assignee";
		}

		@Override
		public Line line() {
			String type = assigneeId == null ? "unassigned" : automatically ? "auto-assigned" : "assigned";
			return new Line(type, null, assigneeId);
		}

	}

	record Transferred(long conversationId, long inboxId, @Nullable Long fromTeamId,
			long toTeamId) implements ConversationChanged {

		@Override
		public String what() {
			return "team";
		}

		@Override
		public Line line() {
			return new Line("transferred", (fromTeamId == null ? "-" : fromTeamId) + " → " + toTeamId, toTeamId);
		}

	}

	/** A new priority, set by an agent or, with its reason, by a priority rule. */
	record Prioritised(long conversationId, long inboxId, Priority from, Priority to, @Nullable String rule,
			@Nullable String reason) implements ConversationChanged {

		@Override
		public String what() {
			return "priority";
		}

		@Override
		public Line line() {
			String change = from.api() + " → " + to.api();
			return rule == null ? Line.of("priority", change)
					: Line.of("prioritised", rule + ": " + reason + " (" + change + ")");
		}

	}

	/**
	 * An escalation rule moved the conversation to its team and/or representative and
	 * raised its priority.
	 */
	record Escalated(long conversationId, long inboxId, String rule, String reason, @Nullable Long teamId,
			@Nullable Long agentId, Priority from, Priority to) implements ConversationChanged {

		@Override
		public String what() {
			return "escalated";
		}

		@Override
		public Line line() {
			String priority = from == to ? "" : " (" + from.api() + " → " + to.api() + ")";
			return new Line("escalated", rule + ": " + reason + priority, agentId);
		}

	}

	record Labelled(long conversationId, long inboxId, String label) implements ConversationChanged {

		@Override
		public String what() {
			return "labels";
		}

		@Override
		public Line line() {
			return Line.of("labelled", label);
		}

	}

	record Unlabelled(long conversationId, long inboxId, String label) implements ConversationChanged {

		@Override
		public String what() {
			return "labels";
		}

		@Override
		public Line line() {
			return Line.of("unlabelled", label);
		}

	}

	/** A private note was added; the note itself is in the timeline. */
	record NoteAdded(long conversationId, long inboxId, long agentId, String text) implements ConversationChanged {

		@Override
		public String what() {
			return "note";
		}

	}

	/** A service-level timer ran out; told once per timer. */
	record ServiceLevelBreached(long conversationId, long inboxId, String timer,
			Instant dueAt) implements ConversationChanged {

		@Override
		public String what() {
			return "sla-breached";
		}

		@Override
		public Line line() {
			return Line.of("sla-breached", timer);
		}

	}

	/**
	 * A customer's public message was hidden, shown again, deleted or liked on its
	 * network.
	 */
	record Moderated(long conversationId, long inboxId, long messageId, String action,
			String excerpt) implements ConversationChanged {

		@Override
		public String what() {
			return "moderated";
		}

		@Override
		public Line line() {
			return Line.of("moderated-" + action, excerpt);
		}

	}

	record DeliveryFailed(long conversationId, long inboxId, long messageId,
			String reason) implements ConversationChanged {

		@Override
		public String what() {
			return "failed";
		}

		@Override
		public Line line() {
			return Line.of("delivery-failed", reason);
		}

	}

	/** A reply was sent, delivered or read; the message shows it. */
	record MessageStatusChanged(long conversationId, long inboxId, long messageId,
			MessageStatus status) implements ConversationChanged {

		@Override
		public String what() {
			return status.api();
		}

	}

	/** The agent saw the code of conduct's warnings and sent the reply as it was. */
	record SentDespiteWarnings(long conversationId, long inboxId,
			List<String> warnings) implements ConversationChanged {

		public SentDespiteWarnings {
			warnings = List.copyOf(warnings);
		}

		@Override
		public String what() {
			return "reply";
		}

		@Override
		public Line line() {
			return Line.of("sent-despite-warnings", String.join("; ", warnings));
		}

	}

	/** A goodwill gesture went out with a reply. */
	record GestureCommitted(long conversationId, long inboxId, Commitment gesture) implements ConversationChanged {

		@Override
		public String what() {
			return "reply";
		}

		@Override
		public Line line() {
			return Line.of("gesture", gesture.toString());
		}

	}

	record ReplyApproved(long conversationId, long inboxId, long messageId,
			boolean edited) implements ConversationChanged {

		@Override
		public String what() {
			return "reply";
		}

		@Override
		public Line line() {
			return Line.of("approved", edited ? "edited" : null);
		}

	}

	record ReplyRejected(long conversationId, long inboxId, long messageId,
			@Nullable String why) implements ConversationChanged {

		@Override
		public String what() {
			return "rejected";
		}

		@Override
		public Line line() {
			return Line.of("rejected", why);
		}

	}

}
