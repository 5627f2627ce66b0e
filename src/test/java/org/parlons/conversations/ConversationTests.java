package org.parlons.conversations;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ConversationTests {

	static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	static Conversation open() {
		return new Conversation(1, 2, 3, ConversationStatus.OPEN, Priority.NORMAL, null, 7L, null, null, NOW, 1, "x",
				NOW);
	}

	@Test
	void refusesToResolveTwice() {
		Conversation c = open();
		c.resolve();
		assertThatIllegalStateException().isThrownBy(c::resolve);
	}

	@Test
	void snoozesOnlyUntilATimeToCome() {
		Conversation c = open();
		assertThatIllegalArgumentException().isThrownBy(() -> c.snooze(NOW.minusSeconds(1), NOW));
		c.snooze(NOW.plusSeconds(3600), NOW);
		assertThat(c.status()).isEqualTo(ConversationStatus.SNOOZED);
		c.reopen();
		assertThat(c.snoozedUntil()).isNull();
	}

	@Test
	void transferDropsTheAssigneeAndRefusesTheSameTeam() {
		Conversation c = open();
		c.assignTo(5L);
		assertThatIllegalStateException().isThrownBy(() -> c.transferTo(7L));
		c.transferTo(8L);
		assertThat(c.teamId()).isEqualTo(8L);
		assertThat(c.assigneeId()).isNull();
	}

	@Test
	void recordsEachChangeOnceAsItsOwnType() {
		Conversation c = open();
		c.assignTo(5L);
		c.assignTo(5L);
		c.prioritise(Priority.URGENT);
		assertThat(c.takeChanges()).containsExactly(new ConversationChanged.Assigned(1, 2, 5L, false),
				new ConversationChanged.Prioritised(1, 2, Priority.NORMAL, Priority.URGENT, null, null));
		assertThat(c.takeChanges()).isEmpty();
	}

	@Test
	void automaticAssignmentTakesOnlyWhatNobodyHoldsAndSaysSo() {
		Conversation c = open();
		c.assignAutomatically(5L);
		assertThat(c.takeChanges()).singleElement()
			.extracting(ConversationChanged::line)
			.isEqualTo(new ConversationChanged.Line("auto-assigned", null, 5L));
		assertThatIllegalStateException().isThrownBy(() -> c.assignAutomatically(6L));
	}

	@Test
	void wakesOnlyWhenTheSnoozeIsOver() {
		Conversation c = open();
		c.snooze(NOW.plusSeconds(60), NOW);
		c.takeChanges();
		c.wake(NOW.plusSeconds(59));
		assertThat(c.status()).isEqualTo(ConversationStatus.SNOOZED);
		c.wake(NOW.plusSeconds(60));
		assertThat(c.status()).isEqualTo(ConversationStatus.OPEN);
		assertThat(c.takeChanges()).containsExactly(new ConversationChanged.Woke(1, 2));
	}

	@Test
	void aRuleRaisesThePriorityAndNeverLowersIt() {
		Conversation c = open();
		c.prioritise(Priority.URGENT);
		c.prioritiseByRule("VIP", "value 12000", Priority.HIGH);
		assertThat(c.priority()).isEqualTo(Priority.URGENT);
		c.escalate("Press", "a journalist", 9L, 4L, Priority.HIGH);
		assertThat(c.teamId()).isEqualTo(9L);
		assertThat(c.assigneeId()).isEqualTo(4L);
		assertThat(c.takeChanges()).last()
			.extracting(ConversationChanged::line)
			.isEqualTo(new ConversationChanged.Line("escalated", "Press: a journalist", 4L));
	}

	@Test
	void onlyWhatIsNotOpenIsReopenedByTheCustomer() {
		assertThat(Conversation.arrival(1, 2, ConversationStatus.OPEN)).isNull();
		assertThat(Conversation.arrival(1, 2, ConversationStatus.RESOLVED))
			.isEqualTo(new ConversationChanged.Reopened(1, 2, true));
	}

	@Test
	void previewFlattensWhiteSpaceAndKeepsTheHead() {
		assertThat(Conversations.preview("  Bonjour,\n\n\tje  voudrais\r\nrésilier.\u2003"))
			.isEqualTo("Bonjour, je voudrais résilier.");
		assertThat(Conversations.preview(" \n ")).isEmpty();
		assertThat(Conversations.preview("x".repeat(Conversations.PREVIEW)))
			.isEqualTo("x".repeat(Conversations.PREVIEW));
		String cut = Conversations.preview("mot\n\n".repeat(100_000));
		assertThat(cut).hasSize(Conversations.PREVIEW).startsWith("mot mot mot").endsWith("…").doesNotContain("\n");
		assertThat(Conversations.preview("x".repeat(Conversations.PREVIEW + 1)))
			.isEqualTo("x".repeat(Conversations.PREVIEW - 1) + "…");
	}

}
