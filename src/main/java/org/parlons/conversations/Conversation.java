package org.parlons.conversations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Refusals;

/**
 * A thread between the company and one customer in one inbox. Every change of its state
 * goes through a method here that refuses what makes no sense and registers a
 * {@link ConversationChanged}: {@link Conversations#save} writes the state, the
 * timeline's line of each change, and publishes them.
 */
public class Conversation {

	/** The longest private note, in characters. */
	public static final int MAX_NOTE = 20_000;

	private final long id;

	private final long inboxId;

	private long customerId;

	private ConversationStatus status;

	private Priority priority;

	private @Nullable Long assigneeId;

	private @Nullable Long teamId;

	private @Nullable String subject;

	private @Nullable Instant snoozedUntil;

	private final Instant lastMessageAt;

	private final int messageCount;

	private final @Nullable String preview;

	private final Instant createdAt;

	private final List<ConversationChanged> changes = new ArrayList<>();

	public Conversation(long id, long inboxId, long customerId, ConversationStatus status, Priority priority,
			@Nullable Long assigneeId, @Nullable Long teamId, @Nullable String subject, @Nullable Instant snoozedUntil,
			Instant lastMessageAt, int messageCount, @Nullable String preview, Instant createdAt) {
		this.id = id;
		this.inboxId = inboxId;
		this.customerId = customerId;
		this.status = status;
		this.priority = priority;
		this.assigneeId = assigneeId;
		this.teamId = teamId;
		this.subject = subject;
		this.snoozedUntil = snoozedUntil;
		this.lastMessageAt = lastMessageAt;
		this.messageCount = messageCount;
		this.preview = preview;
		this.createdAt = createdAt;
	}

	public void resolve() {
		if (status == ConversationStatus.RESOLVED) {
			throw Refusals.conflict("conversation.alreadyResolved", "Conversation " + id + " is already resolved",
					String.valueOf(id));
		}
		status = ConversationStatus.RESOLVED;
		snoozedUntil = null;
		changes.add(new ConversationChanged.Resolved(id, inboxId));
	}

	/** Open again, by an agent's decision; nothing changes when it is open. */
	public void reopen() {
		if (status == ConversationStatus.OPEN) {
			return;
		}
		status = ConversationStatus.OPEN;
		snoozedUntil = null;
		changes.add(new ConversationChanged.Reopened(id, inboxId, false));
	}

	/**
	 * Takes in the messages of a newer conversation of the same thread: open again when
	 * it was not, since the customer's latest message now lives here.
	 */
	public void absorb(Conversation newer) {
		if (newer.id == id || newer.inboxId != inboxId || newer.customerId != customerId) {
			throw Refusals.conflict("conversation.joinOther",
					"Conversation " + newer.id + " is not of the same customer and inbox", String.valueOf(newer.id));
		}
		if (status != ConversationStatus.OPEN && newer.status != ConversationStatus.RESOLVED) {
			status = ConversationStatus.OPEN;
			snoozedUntil = null;
			changes.add(new ConversationChanged.Reopened(id, inboxId, true));
		}
		changes.add(new ConversationChanged.Joined(id, inboxId, newer.id));
	}

	/** Its messages went to an older conversation of the same thread: closed. */
	public void joinInto(long olderId) {
		status = ConversationStatus.RESOLVED;
		snoozedUntil = null;
		changes.add(new ConversationChanged.JoinedInto(id, inboxId, olderId));
	}

	/** A mail linked it to another customer's conversation: told, left apart. */
	public void refuseJoin(long otherId) {
		changes.add(new ConversationChanged.JoinRefused(id, inboxId, otherId));
	}

	public void awaitCustomer() {
		if (status == ConversationStatus.RESOLVED) {
			throw Refusals.conflict("conversation.resolvedNotPending",
					"A resolved conversation is not waiting for anyone");
		}
		status = ConversationStatus.PENDING;
		changes.add(new ConversationChanged.AwaitingCustomer(id, inboxId));
	}

	public void snooze(Instant until, Instant now) {
		if (!until.isAfter(now)) {
			throw Refusals.invalid("conversation.snoozePast",
					"A conversation can only be snoozed until a time to come");
		}
		if (status == ConversationStatus.RESOLVED) {
			throw Refusals.conflict("conversation.resolvedNoSnooze", "A resolved conversation cannot be snoozed");
		}
		status = ConversationStatus.SNOOZED;
		snoozedUntil = until;
		changes.add(new ConversationChanged.Snoozed(id, inboxId, until));
	}

	/**
	 * The snooze ends when its time has come; nothing happens before, or when it is no
	 * longer snoozed.
	 */
	public void wake(Instant now) {
		if (status != ConversationStatus.SNOOZED || snoozedUntil == null || snoozedUntil.isAfter(now)) {
			return;
		}
		status = ConversationStatus.OPEN;
		snoozedUntil = null;
		changes.add(new ConversationChanged.Woke(id, inboxId));
	}

	/**
	 * What the customer's new message does to a conversation in this status: anything but
	 * open is open again. The ingestion path applies it to many conversations in one
	 * statement, and writes the change this returns.
	 */
	static @Nullable ConversationChanged arrival(long id, long inboxId, ConversationStatus status) {
		return status == ConversationStatus.OPEN ? null : new ConversationChanged.Reopened(id, inboxId, true);
	}

	public void assignTo(@Nullable Long agentId) {
		assign(agentId, false);
	}

	/** Given by automatic assignment, which only gives conversations nobody holds. */
	public void assignAutomatically(long agentId) {
		if (assigneeId != null) {
			throw Refusals.conflict("conversation.alreadyAssigned", "Conversation " + id + " is already assigned",
					String.valueOf(id));
		}
		assign(agentId, true);
	}

	private void assign(@Nullable Long agentId, boolean automatically) {
		if (Objects.equals(agentId, assigneeId)) {
			return;
		}
		assigneeId = agentId;
		changes.add(new ConversationChanged.Assigned(id, inboxId, agentId, automatically));
	}

	/** Hands the conversation to another team; the assignee goes. */
	public void transferTo(long newTeamId) {
		if (Objects.equals(teamId, newTeamId)) {
			throw Refusals.conflict("conversation.alreadyInTeam",
					"Conversation " + id + " already belongs to team " + newTeamId, String.valueOf(id));
		}
		changes.add(new ConversationChanged.Transferred(id, inboxId, teamId, newTeamId));
		teamId = newTeamId;
		assigneeId = null;
	}

	public void prioritise(Priority newPriority) {
		if (newPriority != priority) {
			changes.add(new ConversationChanged.Prioritised(id, inboxId, priority, newPriority, null, null));
			priority = newPriority;
		}
	}

	/**
	 * A priority rule fired: the priority rises to the rule's, never falls; the timeline
	 * says why even when the priority was already as high.
	 */
	public void prioritiseByRule(String rule, String reason, Priority atLeast) {
		Priority raised = atLeast.ordinal() < priority.ordinal() ? atLeast : priority;
		changes.add(new ConversationChanged.Prioritised(id, inboxId, priority, raised, rule, reason));
		priority = raised;
	}

	/**
	 * An escalation rule fired: the conversation goes to the rule's team and
	 * representative, where it names them, and its priority rises to the rule's.
	 */
	public void escalate(String rule, String reason, @Nullable Long toTeamId, @Nullable Long toAgentId,
			Priority atLeast) {
		Priority before = priority;
		if (toTeamId != null && !toTeamId.equals(teamId)) {
			teamId = toTeamId;
			assigneeId = null;
		}
		if (toAgentId != null) {
			assigneeId = toAgentId;
		}
		if (atLeast.ordinal() < priority.ordinal()) {
			priority = atLeast;
		}
		changes
			.add(new ConversationChanged.Escalated(id, inboxId, rule, reason, toTeamId, toAgentId, before, priority));
	}

	/** A service-level timer ran out; told once, by whoever watches the clocks. */
	public void breach(String timer, Instant dueAt) {
		changes.add(new ConversationChanged.ServiceLevelBreached(id, inboxId, timer, dueAt));
	}

	public void label(String label) {
		String clean = label.strip();
		if (clean.isEmpty() || clean.length() > 100 || clean.contains(",")) {
			throw Refusals.invalid("conversation.badLabel", "A label needs 1 to 100 characters and no comma");
		}
		changes.add(new ConversationChanged.Labelled(id, inboxId, clean));
	}

	public void unlabel(String label) {
		changes.add(new ConversationChanged.Unlabelled(id, inboxId, label));
	}

	/** A private note, for agents only. */
	public void addNote(long agentId, String text) {
		String clean = text.strip();
		if (clean.isEmpty() || clean.length() > MAX_NOTE) {
			throw Refusals.invalid("conversation.badNote", "A note needs between 1 and 20,000 characters");
		}
		changes.add(new ConversationChanged.NoteAdded(id, inboxId, agentId, clean));
	}

	/** One of its messages was moderated on its network. */
	public void moderated(long messageId, String action, String text) {
		String excerpt = text.length() > 80 ? text.substring(0, 80) + "…" : text;
		changes.add(new ConversationChanged.Moderated(id, inboxId, messageId, action, excerpt));
	}

	/**
	 * Records a change of the reply and delivery paths, which hold the messages the
	 * changes are about.
	 */
	void changed(ConversationChanged change) {
		if (change.conversationId() != id) {
			throw new IllegalArgumentException("A change of conversation " + change.conversationId() + ", not " + id);
		}
		changes.add(change);
	}

	/** Drains the changes made since the last save. */
	public List<ConversationChanged> takeChanges() {
		List<ConversationChanged> taken = List.copyOf(changes);
		changes.clear();
		return taken;
	}

	public long id() {
		return id;
	}

	public long inboxId() {
		return inboxId;
	}

	public long customerId() {
		return customerId;
	}

	public ConversationStatus status() {
		return status;
	}

	public Priority priority() {
		return priority;
	}

	public @Nullable Long assigneeId() {
		return assigneeId;
	}

	public @Nullable Long teamId() {
		return teamId;
	}

	public @Nullable String subject() {
		return subject;
	}

	public @Nullable Instant snoozedUntil() {
		return snoozedUntil;
	}

	public Instant lastMessageAt() {
		return lastMessageAt;
	}

	public int messageCount() {
		return messageCount;
	}

	public @Nullable String preview() {
		return preview;
	}

	public Instant createdAt() {
		return createdAt;
	}

}
