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

	private static ResourceBundleMessageSource source() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("i18n/messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}
