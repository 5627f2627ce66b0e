package org.parlons.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message bundles: no sentence written twice under one key (the last would silently
 * win, a page's label replaced by a refusal), and the same keys in French and English.
 */
class BundleKeysTests {

	@Test
	void eachKeyOnceAndTheSameKeysInBothLanguages() throws IOException {
		List<String> english = keys("i18n/messages.properties");
		List<String> french = keys("i18n/messages_fr.properties");
		assertThat(duplicates(english)).as("keys defined twice in English").isEmpty();
		assertThat(duplicates(french)).as("keys defined twice in French").isEmpty();
		assertThat(new LinkedHashSet<>(french)).as("French keys").isEqualTo(new LinkedHashSet<>(english));
	}

	private static List<String> keys(String resource) throws IOException {
		List<String> keys = new ArrayList<>();
		try (InputStream in = BundleKeysTests.class.getClassLoader().getResourceAsStream(resource);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
					keys.add(line.substring(0, line.indexOf('=')).strip());
				}
			}
		}
		return keys;
	}

	private static Set<String> duplicates(List<String> keys) {
		Set<String> seen = new LinkedHashSet<>();
		Set<String> twice = new LinkedHashSet<>();
		keys.forEach(k -> {
			if (!seen.add(k)) {
				twice.add(k);
			}
		});
		return twice;
	}

}
