package org.parlons.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's addresses keep the letters of accented names (issue 20: "hlne.bonnet"). */
class DemoTextTests {

	@Test
	void accentedNamesAreTransliteratedNotDropped() {
		assertThat(DemoText.address("Hélène.Bonnet12")).isEqualTo("helene.bonnet12");
		assertThat(DemoText.address("Maël.François")).isEqualTo("mael.francois");
		assertThat(DemoText.address("Œdipe.Lætitia")).isEqualTo("oedipe.laetitia");
	}

}
