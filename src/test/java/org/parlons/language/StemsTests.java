package org.parlons.language;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search terms: a customer's own words find the team's, plurals, accents and case aside.
 */
class StemsTests {

	@Test
	void frenchWordsMeetTheirPluralsAndTheirUnaccentedSpelling() {
		assertThat(Terms.stems("factures", "fr")).isEqualTo(Terms.stems("Facture", "fr"));
		assertThat(Terms.stems("résiliations", "fr")).isEqualTo(Terms.stems("resiliation", "fr"));
		assertThat(Terms.stems("Résilier", "fr")).isEqualTo(Terms.stems("resilier", "fr"));
		assertThat(Terms.stems("l'électricité", "fr")).isEqualTo(Terms.stems("electricite", "fr"));
		// stop words say nothing
		assertThat(Terms.stems("je veux le faire avec vous", "fr")).isEmpty();
	}

	@Test
	void englishWordsMeetTheirPlurals() {
		assertThat(Terms.stems("invoices", "en")).isEqualTo(Terms.stems("Invoice", "en"));
		assertThat(Terms.stems("the contracts", "en")).isEqualTo(Terms.stems("contract", "en"));
	}

}
