package org.parlons.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Channel credentials at rest: secrets (names ending in password, secret, token) are
 * sealed, nested ones too, read back in clear, unreadable under another key; other
 * settings stay as they are.
 */
class SecretBoxTests {

	static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // 32 bytes

	@Test
	void sealsSecretsAndOpensThemAgain() throws Exception {
		SecretBox box = new SecretBox(KEY, Files.createTempDirectory("secrets"));
		Map<String, Object> settings = Map.of("botToken", "123:abc", "apiBaseUrl", "https://api.example", "imap",
				Map.of("host", "imap.example", "password", "hunter2"));
		Map<String, Object> sealed = box.seal(settings);
		assertThat(sealed.get("botToken").toString()).startsWith("enc:v1:").doesNotContain("abc");
		assertThat(sealed.get("apiBaseUrl")).isEqualTo("https://api.example");
		assertThat(((Map<?, ?>) sealed.get("imap")).get("password").toString()).startsWith("enc:v1:");
		assertThat(box.needsSealing(settings)).isTrue();
		assertThat(box.needsSealing(sealed)).isFalse();
		assertThat(box.open(sealed)).isEqualTo(settings);
		assertThat(box.seal(sealed)).isEqualTo(sealed); // sealing twice changes nothing
	}

	@Test
	void anotherKeyCannotOpenThemAndAKeyFileIsMadeWhenNoneIsConfigured() throws Exception {
		Path dir = Files.createTempDirectory("secrets");
		SecretBox fromFile = new SecretBox("", dir);
		assertThat(dir.resolve("secrets.key")).exists();
		Map<String, Object> sealed = fromFile.seal(Map.of("appSecret", "s3cr3t"));
		assertThat(new SecretBox("", dir).open(sealed)).containsEntry("appSecret", "s3cr3t");
		assertThatIllegalStateException().isThrownBy(() -> new SecretBox(KEY, dir).open(sealed))
			.withMessageContaining("PARLONS_SECRETS_KEY");
		assertThatIllegalStateException().isThrownBy(() -> new SecretBox("dG9vIHNob3J0", dir));
	}

}
