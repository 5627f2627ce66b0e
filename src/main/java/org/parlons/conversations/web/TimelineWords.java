package org.parlons.conversations.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Timeline;
import org.parlons.platform.Sentences;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A timeline event told in the reader's language: the line's type picks a message
 * ({@code timeline.<type>}), its detail fills it (an agent, a team, a label, a priority
 * change, a date in the reader's zone). What the detail quotes (a rule's name, a reason
 * written by a rule or a network) stays as it was written.
 */
@Component
class TimelineWords {

	/** "rule: reason (normal → high)" as escalations and priority rules write it. */
	private static final Pattern RULE_LINE = Pattern.compile("^(.*?): (.*?)(?: \\((\\w+) → (\\w+)\\))?$");

	private static final Pattern PRIORITY_CHANGE = Pattern.compile("^(\\w+) → (\\w+)$");

	private final MessageSource messages;

	private final Sentences sentences;

	TimelineWords(MessageSource messages, Sentences sentences) {
		this.messages = messages;
		this.sentences = sentences;
	}

	String describe(Timeline.Event event, Map<Long, String> agents, Map<Long, String> teams, Locale locale,
			ZoneId zone) {
		String type = event.type();
		String detail = event.detail() == null ? "" : event.detail();
		return switch (type) {
			case "assigned", "auto-assigned" -> say("timeline." + type, locale, name(agents, event.subjectId()));
			case "transferred" -> say("timeline.transferred", locale, name(teams, event.subjectId()));
			case "started" -> say("timeline.started", locale, name(agents, event.subjectId()),
					messages.getMessage("channel." + detail, null, detail, locale));
			case "reopened" -> "customer".equals(detail) ? say("timeline.reopened.customer", locale)
					: say("timeline.reopened", locale);
			case "snoozed" -> say("timeline.snoozed", locale, when(detail, locale, zone));
			case "priority" -> priority(detail, locale);
			case "prioritised", "escalated" -> rule(type, detail, locale);
			case "held-for-approval" ->
				say("timeline.held-for-approval", locale, sentences.retell(detail, locale, "hold."));
			case "approved" -> say("edited".equals(detail) ? "timeline.approved.edited" : "timeline.approved", locale);
			case "rejected" ->
				detail.isBlank() ? say("timeline.rejected", locale) : say("timeline.rejected.why", locale, detail);
			case "delivery-failed" -> {
				String told = sentences.tell(detail, locale, "delivery.").text();
				yield told.isEmpty() ? say("timeline.delivery-failed.plain", locale)
						: say("timeline.delivery-failed", locale, told);
			}
			case "labelled", "unlabelled", "sent-despite-warnings", "gesture", "joined", "joined-into", "join-refused",
					"rated" ->
				say("timeline." + type, locale, detail);
			case "sla-breached" ->
				say("timeline.sla-breached", locale, messages.getMessage("signal." + detail, null, detail, locale));
			default -> type.startsWith("moderated-")
					? say("timeline.moderated", locale,
							messages.getMessage("moderation.done." + type.substring("moderated-".length()), null,
									type.substring("moderated-".length()), locale),
							detail)
					: messages.getMessage("timeline." + type, null, (type + " " + detail).strip(), locale);
		};
	}

	/**
	 * The words of another system an event quotes (a mail server's error for a failed
	 * delivery), shown apart as written; null when it quotes none.
	 */
	@Nullable String cause(Timeline.Event event, Locale locale) {
		if (!"delivery-failed".equals(event.type()) || event.detail() == null) {
			return null;
		}
		return sentences.tell(event.detail(), locale, "delivery.").cause();
	}

	private String priority(String detail, Locale locale) {
		Matcher m = PRIORITY_CHANGE.matcher(detail);
		return m.matches()
				? say("timeline.priority.changed", locale, level(m.group(1), locale), level(m.group(2), locale))
				: say("timeline.priority.set", locale, detail);
	}

	private String rule(String type, String detail, Locale locale) {
		Matcher m = RULE_LINE.matcher(detail);
		if (!m.matches()) {
			return say("timeline." + type + ".plain", locale, detail);
		}
		String change = m.group(3) == null ? ""
				: " " + say("timeline.priority", locale, level(m.group(3), locale), level(m.group(4), locale));
		return say("timeline." + type, locale, m.group(1), sentences.retell(m.group(2), locale, "escalation."))
				+ change;
	}

	private String level(String priority, Locale locale) {
		return messages.getMessage("priority." + priority, null, priority, locale);
	}

	private static String when(String instant, Locale locale, ZoneId zone) {
		try {
			return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
				.withLocale(locale)
				.withZone(zone)
				.format(Instant.parse(instant));
		}
		catch (DateTimeParseException ex) {
			return instant;
		}
	}

	private static String name(Map<Long, String> names, @Nullable Long id) {
		return id == null ? "—" : names.getOrDefault(id, "#" + id);
	}

	private String say(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, locale);
	}

}
