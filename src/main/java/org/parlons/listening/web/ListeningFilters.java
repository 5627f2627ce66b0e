package org.parlons.listening.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.InboxScope;
import org.parlons.conversations.Inboxes;
import org.parlons.listening.ListeningFigures;
import org.parlons.listening.Topics;
import org.parlons.platform.Days;
import org.parlons.platform.InvalidRequestException;

/**
 * The period and filters of a listening request, read from dates ({@code 2026-11-01},
 * days in UTC, both ends included): the last 30 days by default.
 */
final class ListeningFilters {

	private ListeningFilters() {
	}

	/**
	 * The query parameters every listening figure takes, bound from the query string:
	 * {@code from}, {@code to}, {@code network}, {@code language}, {@code topic},
	 * {@code inbox}.
	 */
	record Query(@Nullable String from, @Nullable String to, @Nullable String network, @Nullable String language,
			@Nullable Long topic, @Nullable Long inbox) {
	}

	/**
	 * The filter of a query, its topic and inbox checked to exist; label and author only
	 * where an endpoint takes them.
	 */
	static ListeningFigures.Filter of(Query q, @Nullable String label, @Nullable String author, Topics topics,
			Inboxes inboxes, InboxScope scope, Clock clock) {
		return within(of(q.from(), q.to(), q.network(), q.language(), label, author, topic(q.topic(), topics),
				inbox(q.inbox(), inboxes, scope), clock), scope);
	}

	/** The period and network of a request, kept to the reader's inboxes. */
	static ListeningFigures.Filter of(@Nullable String from, @Nullable String to, @Nullable String network,
			InboxScope scope, Clock clock) {
		return within(of(from, to, network, null, null, null, clock), scope);
	}

	/** The filter kept to the inboxes the reader may see, unless they see them all. */
	static ListeningFigures.Filter within(ListeningFigures.Filter f, InboxScope scope) {
		return scope.all() ? f : new ListeningFigures.Filter(f.from(), f.to(), f.network(), f.language(), f.label(),
				f.author(), f.topic(), f.inbox(), Set.copyOf(scope.inboxIds()));
	}

	/** What of the reader's scope a filter keeps: null for everything. */
	static @Nullable Set<Long> within(InboxScope scope) {
		return scope.all() ? null : Set.copyOf(scope.inboxIds());
	}

	static ListeningFigures.Filter of(@Nullable String from, @Nullable String to, @Nullable String network,
			@Nullable String language, @Nullable String label, @Nullable String author, Clock clock) {
		return of(from, to, network, language, label, author, null, clock);
	}

	static ListeningFigures.Filter of(@Nullable String from, @Nullable String to, @Nullable String network,
			@Nullable String language, @Nullable String label, @Nullable String author, @Nullable Long topic,
			Clock clock) {
		return of(from, to, network, language, label, author, topic, null, clock);
	}

	/** Every filter; {@code inbox} checked beforehand with {@link #inbox}. */
	static ListeningFigures.Filter of(@Nullable String from, @Nullable String to, @Nullable String network,
			@Nullable String language, @Nullable String label, @Nullable String author, @Nullable Long topic,
			@Nullable Long inbox, Clock clock) {
		Days days = Days.parse(from, to, clock, 30, 731, "A period is at most two years");
		return new ListeningFigures.Filter(days.start(), days.end(), blank(network), blank(language), blank(label),
				blank(author), topic, inbox, null);
	}

	/**
	 * An inbox filter names an inbox that exists and that the reader may see (one they
	 * may not see is answered as one that does not exist).
	 */
	static @Nullable Long inbox(@Nullable Long inbox, Inboxes inboxes, InboxScope scope) {
		if (inbox != null && (inboxes.findLive(inbox).isEmpty() || !scope.includes(inbox))) {
			throw InvalidRequestException.said("listening.noInbox", "inbox: no inbox " + inbox, String.valueOf(inbox));
		}
		return inbox;
	}

	/** A topic filter names a topic that exists. */
	static @Nullable Long topic(@Nullable Long topic, Topics topics) {
		if (topic != null && topics.find(topic).isEmpty()) {
			throw InvalidRequestException.said("listening.noTopic", "topic: no topic " + topic, String.valueOf(topic));
		}
		return topic;
	}

	static LocalDate firstDay(ListeningFigures.Filter f) {
		return f.from().atOffset(ZoneOffset.UTC).toLocalDate();
	}

	static LocalDate lastDay(ListeningFigures.Filter f) {
		return f.to().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
	}

	private static @Nullable String blank(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
