package org.parlons.listening;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.parlons.language.Terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hashtags, keywords, topic matching and the influence score, on hand-checked cases. */
class TermsAndTopicsTests {

	@Test
	void hashtagsAreLowerCasedOncePerTextAndNotTakenFromLinksOrNumbers() {
		assertThat(Terms.hashtags("Encore une #Panne chez #Téléo ! #panne https://x.example/#anchor #2026 C#"))
			.containsExactly("panne", "téléo");
	}

	@Test
	void keywordsLeaveOutStopWordsNumbersLinksAndNames() {
		assertThat(Terms.keywords("Je suis très déçu : la livraison de la commande 4e5a0e2a n'est jamais arrivée, "
				+ "@teleo_fr https://teleo.example/suivi"))
			.containsExactly("déçu", "livraison", "commande", "arrivée");
		assertThat(Terms.keywords("The delivery was late and the delivery man was rude")).containsExactly("delivery",
				"late", "man", "rude");
	}

	@Test
	void theTopTermsCountTextsNotRepetitions() {
		Terms.Top top = Terms.top(List.of("panne panne panne #fibre", "panne de fibre #fibre", "facture #Fibre"), 2);
		assertThat(top.texts()).isEqualTo(3);
		assertThat(top.hashtags()).containsExactly(new Terms.Count("fibre", 3));
		assertThat(top.keywords()).containsExactly(new Terms.Count("panne", 2), new Terms.Count("facture", 1));
	}

	@Test
	void theWordNearlyEveryTextHoldsIsToldApartFromWhatPeopleTalkOf() {
		List<String> texts = new java.util.ArrayList<>();
		for (int i = 0; i < 7; i++) {
			texts.add("Teleo une panne" + (i % 2 == 0 ? " de fibre" : ""));
		}
		for (int i = 0; i < 4; i++) {
			texts.add("Teleo facture fausse");
		}
		texts.add("une facture");
		Terms.Top top = Terms.top(texts, 3);
		assertThat(top.everywhere()).containsExactly(new Terms.Count("teleo", 11));
		assertThat(top.keywords()).extracting(Terms.Count::term).containsExactly("panne", "facture", "fausse");
		// few texts: nothing is set apart
		assertThat(Terms.top(texts.subList(0, 5), 3).everywhere()).isEmpty();
	}

	@Test
	void aTopicMatchesWholeWordsWhateverTheCaseAndAccentsAndItsHashtags() {
		Topics.Topic fibre = new Topics.Topic(1, "Fibre", List.of("fibre optique", "Téléo Box", "#panne"), 0);
		assertThat(fibre.about("Ma FIBRE OPTIQUE est coupée")).isTrue();
		assertThat(fibre.about("la teleo box clignote")).isTrue();
		assertThat(fibre.about("encore une #Panne")).isTrue();
		assertThat(fibre.about("la fibre optiques")).isFalse();
		assertThat(fibre.about("une panne sans dièse")).isFalse();
		Topics.Topic panne = new Topics.Topic(2, "Panne", List.of("panne"), 0);
		assertThat(panne.about("encore une #panne")).isTrue();
		assertThat(panne.about("dépanneur")).isFalse();
	}

	@Test
	void influenceIsTheLogOfReachPlusTenTimesTheEngagements() {
		assertThat(Influence.score(0, 0)).isZero();
		assertThat(Influence.score(999, 0)).isCloseTo(30, within(1e-9));
		assertThat(Influence.score(0, 9_999)).isCloseTo(10 * Math.log10(100_000 - 9), within(1e-9));
		assertThat(Influence.score(99_999, 0)).isCloseTo(50, within(1e-9));
		// observed reach, not followers: 300 views and 2 likes weigh less than 80,000
		// views and 1,300 engagements
		assertThat(Influence.score(300, 2)).isLessThan(Influence.score(80_000, 1_300));
	}

}
