package org.parlons.governance;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GesturesTests {

	@Test
	void findsTheLargestPromisedAmountInFrenchAndEnglish() {
		assertThat(Gestures.in("Nous vous remboursons 80 € sur votre prochaine facture."))
			.hasValue(new Gestures.Gesture(new BigDecimal("80"), "EUR"));
		assertThat(Gestures.in("Je vous accorde un geste commercial de 1 250,50 euros, et un avoir de 20 €."))
			.hasValue(new Gestures.Gesture(new BigDecimal("1250.50"), "EUR"));
		assertThat(Gestures.in("We will refund $25.99 to your card."))
			.hasValue(new Gestures.Gesture(new BigDecimal("25.99"), "USD"));
		assertThat(Gestures.in("A credit of EUR 40 has been applied."))
			.hasValue(new Gestures.Gesture(new BigDecimal("40"), "EUR"));
	}

	@Test
	void aPriceIsNotAGesture() {
		assertThat(Gestures.in("L'option Voyage Monde à 10 € donne 5 Go. Votre facture est de 39,99 €.")).isEmpty();
		assertThat(Gestures.in("Nous vous remboursons dès réception du colis.")).isEmpty();
		assertThat(Gestures.in("Pour avoir 10 Go, l'option coûte 10 €.")).isEmpty();
	}

}
