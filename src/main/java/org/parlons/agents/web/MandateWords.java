package org.parlons.agents.web;

import java.util.Locale;

import org.parlons.agents.Mandate;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A mandate said in the reader's language: the largest gesture, the languages, the
 * channels, the topics left to others in public.
 */
@Component
class MandateWords {

	private final MessageSource messages;

	MandateWords(MessageSource messages) {
		this.messages = messages;
	}

	String describe(Mandate mandate, Locale locale) {
		StringBuilder text = new StringBuilder(mandate.maxGestureAmount() == null ? say("mandate.noGesture", locale)
				: say("mandate.gesturesUpTo", locale, mandate.maxGestureAmount().stripTrailingZeros().toPlainString()
						+ " " + mandate.maxGestureCurrency()));
		text.append(", ")
			.append(mandate.languages().isEmpty() ? say("mandate.anyLanguage", locale)
					: say("mandate.languages", locale, String.join(" ", mandate.languages())));
		text.append(", ")
			.append(mandate.channels().isEmpty() ? say("mandate.anyChannel", locale)
					: say("mandate.channels", locale, String.join(" ", mandate.channels())));
		if (!mandate.withheldTopics().isEmpty()) {
			text.append(", ").append(say("mandate.withheld", locale, String.join(" ", mandate.withheldTopics())));
		}
		return text.toString();
	}

	private String say(String key, Locale locale, Object... arguments) {
		return messages.getMessage(key, arguments, locale);
	}

}
