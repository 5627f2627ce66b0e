package org.parlons.customers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdentityTests {

	@Test
	void normalisesPhoneNumbersToE164() {
		assertThat(Identity.phone("06 12 34 56 78", "FR").value()).isEqualTo("+33612345678");
		assertThat(Identity.phone("+33 6 12 34 56 78", "GB").value()).isEqualTo("+33612345678");
		assertThat(Identity.phone("0044 20 7946 0958", "FR").value()).isEqualTo("+442079460958");
	}

	@Test
	void refusesWhatIsNotAPhoneNumber() {
		assertThatIllegalArgumentException().isThrownBy(() -> Identity.phone("call me", "FR"));
		assertThatIllegalArgumentException().isThrownBy(() -> Identity.phone("12", "FR"));
	}

	@Test
	void normalisesEmailsAndHandles() {
		assertThat(Identity.email("  Lea@Example.FR ").value()).isEqualTo("lea@example.fr");
		assertThat(Identity.handle("mastodon", "@Lea").value()).isEqualTo("lea");
		assertThatIllegalArgumentException().isThrownBy(() -> Identity.email("not-an-email"));
	}

}
