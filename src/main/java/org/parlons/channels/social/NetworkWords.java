package org.parlons.channels.social;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * What a network's rules say to the agent who breaks them (a reply outside WhatsApp's
 * window, an SMS to a customer who texted STOP), in the language of the request that
 * tried: these refusals are told at once and never stored.
 */
@Component
public class NetworkWords {

	private final MessageSource messages;

	NetworkWords(MessageSource messages) {
		this.messages = messages;
	}

	public String say(String code, Object... arguments) {
		return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}

	/** A channel as people name it ("SMS" for twilio, "web chat" for widget). */
	public String channelName(String channel) {
		return messages.getMessage("channel." + channel, null, channel, LocaleContextHolder.getLocale());
	}

}
