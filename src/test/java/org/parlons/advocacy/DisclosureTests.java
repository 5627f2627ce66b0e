package org.parlons.advocacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The disclosure a paid or in-kind member's post must carry: the wordings French law
 * 2023-451 and the FTC's guides accept, as words or tags, whatever their case or accents,
 * and not the ambiguous ones.
 */
class DisclosureTests {

	@Test
	void theWordingsTheLawAcceptsAreDisclosures() {
		assertThat(Disclosure.disclosed("Ma nouvelle box, je valide ! #CollaborationCommerciale", null)).isTrue();
		assertThat(Disclosure.disclosed("Collaboration commerciale avec Téléo : la fibre chez moi", null)).isTrue();
		assertThat(Disclosure.disclosed("PUBLICITÉ – ma box Téléo", null)).isTrue();
		assertThat(Disclosure.disclosed("publicite : ma box", null)).as("without its accent").isTrue();
		assertThat(Disclosure.disclosed("Loving my new router #ad", null)).isTrue();
		assertThat(Disclosure.disclosed("#AD my new router", null)).isTrue();
		assertThat(Disclosure.disclosed("Paid partnership with Teleo", null)).isTrue();
		assertThat(Disclosure.disclosed("Sponsored: the fibre", null)).isTrue();
		assertThat(Disclosure.disclosed("#publicité la box", null)).isTrue();
	}

	@Test
	void ambiguousTagsAndWordsThatMerelyContainAMarkerAreNot() {
		assertThat(Disclosure.disclosed("Ma box Téléo est géniale", null)).isFalse();
		assertThat(Disclosure.disclosed("Mon chat est #adorable", null)).isFalse();
		assertThat(Disclosure.disclosed("#collab avec Téléo", null)).as("the FTC calls it ambiguous").isFalse();
		assertThat(Disclosure.disclosed("#sp #spon merci Téléo", null)).isFalse();
		assertThat(Disclosure.disclosed("Merci à Téléo pour la box", null)).isFalse();
		assertThat(Disclosure.disclosed("I read an advertisements page", null)).as("a longer word").isFalse();
		assertThat(Disclosure.disclosed("ad hoc test of the box", null)).as("ad is a tag, not a word").isFalse();
		assertThat(Disclosure.disclosed("les publicités de Téléo m'agacent", null)).isFalse();
	}

	@Test
	void aContractMayAddItsOwnWording() {
		assertThat(Disclosure.disclosed("Partenariat rémunéré avec Téléo, ma box", "Partenariat rémunéré")).isTrue();
		assertThat(Disclosure.disclosed("partenariat remunere avec Teleo", "Partenariat rémunéré")).isTrue();
		assertThat(Disclosure.disclosed("Ma box Téléo", "Partenariat rémunéré")).isFalse();
	}

}
