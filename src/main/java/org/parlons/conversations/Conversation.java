package org.parlons.conversations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A thread between the company and one customer in one inbox. Its state changes go through methods
 * that refuse what makes no sense and leave a line in the timeline.
 */
public class Conversation {

	/** A line for the timeline, produced by a state change. */
	public record Change(String type, String detail) {
	}

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

	private final List<Change> changes = new ArrayList<>();

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
			throw new IllegalStateException("Conversation " + id + " is already resolved");
		}
		status = ConversationStatus.RESOLVED;
		snoozedUntil = null;
		changes.add(new Change("resolved", ""));
	}

	public void reopen() {
		if (status == ConversationStatus.OPEN) {
			return;
		}
		status = ConversationStatus.OPEN;
		snoozedUntil = null;
		changes.add(new Change("reopened", ""));
	}

	public void awaitCustomer() {
		if (status == ConversationStatus.RESOLVED) {
			throw new IllegalStateException("A resolved conversation is not waiting for anyone");
		}
		status = ConversationStatus.PENDING;
		changes.add(new Change("pending", ""));
	}

	public void snooze(Instant until, Instant now) {
		if (!until.isAfter(now)) {
			throw new IllegalArgumentException("A conversation can only be snoozed until a time to come");
		}
		if (status == ConversationStatus.RESOLVED) {
			throw new IllegalStateException("A resolved conversation cannot be snoozed");
		}
		status = ConversationStatus.SNOOZED;
		snoozedUntil = until;
		changes.add(new Change("snoozed", until.toString()));
	}

	public void assignTo(@Nullable Long agentId) {
		if (Objects.equals(agentId, assigneeId)) {
			return;
		}
		assigneeId = agentId;
		changes.add(new Change(agentId == null ? "unassigned" : "assigned", agentId == null ? "" : agentId.toString()));
	}

	/** Hands the conversation to another team; the assignee stays only if told to. */
	public void transferTo(long newTeamId, boolean keepAssignee) {
		if (Objects.equals(teamId, newTeamId)) {
			throw new IllegalStateException("Conversation " + id + " already belongs to team " + newTeamId);
		}
		changes.add(new Change("transferred", (teamId == null ? "-" : teamId) + " → " + newTeamId));
		teamId = newTeamId;
		if (!keepAssignee) {
			assigneeId = null;
		}
	}

	public void prioritise(Priority newPriority) {
		if (newPriority != priority) {
			changes.add(new Change("priority", priority.api() + " → " + newPriority.api()));
			priority = newPriority;
		}
	}

	/** Drains the timeline lines produced since the last save. */
	public List<Change> takeChanges() {
		List<Change> taken = List.copyOf(changes);
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
