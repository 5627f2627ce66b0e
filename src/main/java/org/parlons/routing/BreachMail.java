package org.parlons.routing;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Agent;
import org.parlons.agents.Agents;
import org.parlons.agents.Languages;
import org.parlons.agents.TimeZones;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.ConversationChanged;
import org.parlons.platform.PlatformSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * A missed service level mailed to an agent who is told of it, in the language they read
 * Parlons in and with the time in their zone, when a mail server is configured
 * ({@code SPRING_MAIL_HOST}; {@code PARLONS_SLA_BREACH_MAIL_FROM} the sender). A mail
 * that cannot be sent is logged: the notice on their screen still stands.
 */
@Component
class BreachMail {

	private static final Logger log = LoggerFactory.getLogger(BreachMail.class);

	private final @Nullable JavaMailSender sender;

	private final Agents agents;

	private final Languages languages;

	private final TimeZones zones;

	private final MessageSource words;

	private final PlatformSettings platform;

	private final String from;

	BreachMail(ObjectProvider<JavaMailSender> sender, Agents agents, Languages languages, TimeZones zones,
			MessageSource words, PlatformSettings platform, RoutingSettings settings) {
		this.sender = sender.getIfAvailable();
		this.agents = agents;
		this.languages = languages;
		this.zones = zones;
		this.words = words;
		this.platform = platform;
		this.from = settings.breachMailFrom();
	}

	void send(long agentId, Conversation c, ConversationChanged.ServiceLevelBreached breach) {
		JavaMailSender mail = sender;
		Agent agent = agents.findById(agentId).orElse(null);
		if (mail == null || agent == null || !agent.active()) {
			return;
		}
		Locale locale = languages.of(agentId).orElse(Locale.FRENCH);
		ZoneId zone = zones.of(agentId).orElse(platform.timeZone());
		String timer = words.getMessage("signal.sla." + breach.timer(), null, breach.timer(), locale);
		String due = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(locale)
			.format(breach.dueAt().atZone(zone));
		String subject = c.subject() == null ? "" : c.subject();
		String link = platform.publicUrl().isBlank() ? "/inbox?status=all&open=" + c.id()
				: platform.publicUrl() + "/inbox?status=all&open=" + c.id();
		try {
			MimeMessage message = mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
			helper.setFrom(from);
			helper.setTo(agent.email());
			helper.setSubject(words.getMessage("breach.mail.subject",
					new Object[] { String.valueOf(c.id()), subject.isBlank() ? "" : " — " + subject }, locale));
			helper
				.setText(
						words.getMessage("breach.mail.body",
								new Object[] { agent.name(), String.valueOf(c.id()),
										subject.isBlank() ? "" : " (" + subject + ")", timer, due, link },
								locale),
						false);
			message.setHeader("X-Parlons-Event", "sla.breached");
			mail.send(message);
		}
		catch (MessagingException | MailException ex) {
			log.warn("The missed service level of conversation {} could not be mailed to agent {}: {}", c.id(), agentId,
					ex.toString());
		}
	}

}
