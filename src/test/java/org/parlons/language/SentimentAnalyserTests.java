package org.parlons.language;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of the sentiment analyser on sentences written for them (not taken from any
 * evaluation set).
 */
class SentimentAnalyserTests {

	static final SentimentAnalyser analyser = new SentimentAnalyser();

	static double fr(String text) {
		return analyser.analyse(text, "fr").score();
	}

	static double en(String text) {
		return analyser.analyse(text, "en").score();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Je n'aime pas du tout ce produit.              | negative
			J'aime pas ce produit                          | negative
			Je ne recommande pas                           | negative
			Je recommande vivement !                       | positive
			Ça ne marche plus depuis hier                  | negative
			Ça marche plus depuis hier                     | negative
			Ce n'est pas mal du tout !                     | positive
			C'est pas terrible...                          | negative
			Sans problème, livraison rapide                | positive
			Je n'ai jamais eu de panne avec eux            | positive
			peu fiable                                     | negative
			Toujours pas reçu ma commande, inadmissible    | negative
			Service client au top, merci beaucoup !        | positive
			Vraiment nul, je suis decu                     | negative
			c'est nuuuul                                   | negative
			J'attends toujours le remboursement            | negative
			Le colis a été livré mardi.                    | neutral
			""")
	void readsFrench(String text, String label) {
		assertThat(analyser.analyse(text, "fr").label().api()).isEqualTo(label);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			I love this phone :)                  | positive
			This is not good at all               | negative
			Not bad at all!                       | positive
			I would not recommend it.             | negative
			It stopped working after two days     | negative
			No problem, thanks for the quick fix  | positive
			No no no!                             | negative
			Still no refund :(                    | negative
			Worth every penny                     | positive
			The parcel arrived on Tuesday.        | neutral
			""")
	void readsEnglish(String text, String label) {
		assertThat(analyser.analyse(text, "en").label().api()).isEqualTo(label);
	}

	@Test
	void oneNegationAroundTheVerbIsNotTwo() {
		assertThat(fr("Je n'aime pas ce produit")).isLessThan(0)
			.isCloseTo(fr("J'aime pas ce produit"), org.assertj.core.data.Offset.offset(0.001));
	}

	@Test
	void whatComesAfterButWeighsMore() {
		assertThat(fr("Le produit est bien mais la livraison est catastrophique")).isLessThan(0);
		assertThat(fr("La livraison était lente mais le produit est génial")).isGreaterThan(0);
		assertThat(en("The food was great but the service was awful")).isLessThan(0);
	}

	@Test
	void intensifiersCapitalsAndExclamationsStrengthen() {
		assertThat(fr("très bon")).isGreaterThan(fr("bon"));
		assertThat(fr("un peu cher")).isLessThan(0).isGreaterThan(fr("cher"));
		assertThat(en("GREAT service, thanks")).isGreaterThan(en("great service, thanks"));
		assertThat(en("great service!!!")).isGreaterThan(en("great service"));
		assertThat(en("sooo good")).isGreaterThan(en("so good"));
	}

	@Test
	void negationStopsAtTheEndOfTheClause() {
		assertThat(en("Not today. Great service")).isGreaterThan(0);
		assertThat(fr("Pas aujourd'hui. Super service")).isGreaterThan(0);
	}

	@Test
	void emojiAndEmoticonsCountAndAreNeverNegated() {
		assertThat(fr("😍")).isGreaterThan(0.3);
		assertThat(en("😡😡")).isLessThan(-0.3);
		assertThat(en("no reply yet :(")).isLessThan(0);
		assertThat(analyser.analyse("Gracias por todo 😍", null).label().api()).isEqualTo("positive");
	}

	@Test
	void scoresStayWithinBoundsAndEmptyTextIsNeutral() {
		assertThat(en("love love love love love love love love love love!!!!!!")).isBetween(0.9, 1.0);
		assertThat(fr("nul nul nul nul nul nul nul nul nul nul")).isBetween(-1.0, -0.9);
		assertThat(analyser.analyse("", null)).isEqualTo(Sentiment.of(0, "und"));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Je suis très déçu de votre service         | fr
			Laissez tomber, allez en magasin           | fr
			I am very disappointed with your service   | en
			LMAO, AMAZING!                             | en
			Génial !                                   | fr
			Muy buen servicio, gracias                 | es
			Danke, sehr gut                            | de
			12345                                      | und
			Scandale, panne-a6e6ea35 générale, service nul | fr
			Commande 4e5a0e2a, toujours rien reçue     | fr
			""")
	void guessesTheLanguage(String text, String language) {
		assertThat(analyser.languageOf(text)).isEqualTo(language);
	}

}
