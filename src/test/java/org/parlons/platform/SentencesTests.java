package org.parlons.platform;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored English sentences told again in French, with the words of another system kept
 * apart: the patterns are the product's own bundles.
 */
class SentencesTests {

	private final Sentences sentences = new Sentences(source(), "i18n/messages");

	@Test
	void aNestedFailureIsToldInFrenchAndTheServersWordsComeApart() {
		String stored = sentences.english("delivery.gaveUp", "4",
				sentences.english("delivery.smtp", "Couldn't connect to host, port: 127.0.0.1, 9; timeout 20000"));
		assertThat(stored)
			.isEqualTo("gave up after 4 attempts: SMTP: Couldn't connect to host, port: 127.0.0.1, 9; timeout 20000");

		Sentences.Told told = sentences.tell(stored, Locale.FRENCH, "delivery.");
		assertThat(told.text()).isEqualTo("abandon après 4 tentatives : SMTP");
		assertThat(told.cause()).isEqualTo("Couldn't connect to host, port: 127.0.0.1, 9; timeout 20000");
	}

	@Test
	void aSentenceOfOurOwnHasNoCauseAndForeignTextIsAllCause() {
		Sentences.Told deleted = sentences.tell(sentences.english("delivery.inboxDeleted"), Locale.FRENCH, "delivery.");
		assertThat(deleted.text()).isEqualTo("la boîte a été supprimée");
		assertThat(deleted.cause()).isNull();

		Sentences.Told refused = sentences.tell(sentences.english("delivery.smtpRefused", "550", "mailbox unavailable"),
				Locale.FRENCH, "delivery.");
		assertThat(refused.text()).isEqualTo("le serveur SMTP a refusé le message (550)");
		assertThat(refused.cause()).isEqualTo("mailbox unavailable");

		Sentences.Told foreign = sentences.tell("Connection reset by peer", Locale.FRENCH, "delivery.");
		assertThat(foreign.text()).isEmpty();
		assertThat(foreign.cause()).isEqualTo("Connection reset by peer");
	}

	@Test
	void theReasonsRulesWriteAreToldInFrench() {
		// as routing.EscalationRules and routing.Escalations write them
		assertThat(sentences.retell("asks for \"un responsable\"", Locale.FRENCH, "escalation."))
			.isEqualTo("demande « un responsable »");
		assertThat(sentences.retell("says \"UFC\"", Locale.FRENCH, "escalation.")).isEqualTo("écrit « UFC »");
		assertThat(sentences.retell("influence 120 (threshold 100, last 90 days)", Locale.FRENCH, "escalation."))
			.isEqualTo("influence 120 (seuil 100, 90 derniers jours)");
		assertThat(sentences.retell("3 conversations in 30 days", Locale.FRENCH, "escalation."))
			.isEqualTo("3 conversations en 30 jours");
		assertThat(sentences.retell("strongly negative (sentiment -0.91)", Locale.FRENCH, "escalation."))
			.isEqualTo("très négatif (sentiment -0.91)");
		assertThat(sentences.retell("lifetimeValue 1200 (threshold 1000)", Locale.FRENCH, "escalation."))
			.isEqualTo("lifetimeValue 1200 (seuil 1000)");
	}

	private static ResourceBundleMessageSource source() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("i18n/messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}
