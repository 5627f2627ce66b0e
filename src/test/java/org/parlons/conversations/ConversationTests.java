package org.parlons.conversations;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ConversationTests {

	static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	static Conversation open() {
		return new Conversation(1, 2, 3, ConversationStatus.OPEN, Priority.NORMAL, null, 7L, null, null, NOW, 1, "x", NOW);
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
		assertThatIllegalStateException().isThrownBy(() -> c.transferTo(7L, false));
		c.transferTo(8L, false);
		assertThat(c.teamId()).isEqualTo(8L);
		assertThat(c.assigneeId()).isNull();
	}

	@Test
	void recordsEachChangeForTheTimelineOnce() {
		Conversation c = open();
		c.assignTo(5L);
		c.assignTo(5L);
		c.prioritise(Priority.URGENT);
		assertThat(c.takeChanges()).extracting(Conversation.Change::type).containsExactly("assigned", "priority");
		assertThat(c.takeChanges()).isEmpty();
	}

	@Test
	void previewFlattensWhiteSpaceAndKeepsTheHead() {
		assertThat(Conversations.preview("  Bonjour,\n\n\tje  voudrais\r\nrésilier.\u2003")).isEqualTo("Bonjour, je voudrais résilier.");
		assertThat(Conversations.preview(" \n ")).isEmpty();
		assertThat(Conversations.preview("x".repeat(Conversations.PREVIEW))).isEqualTo("x".repeat(Conversations.PREVIEW));
		String cut = Conversations.preview("mot\n\n".repeat(100_000));
		assertThat(cut).hasSize(Conversations.PREVIEW).startsWith("mot mot mot").endsWith("…").doesNotContain("\n");
		assertThat(Conversations.preview("x".repeat(Conversations.PREVIEW + 1)))
			.isEqualTo("x".repeat(Conversations.PREVIEW - 1) + "…");
	}

}
