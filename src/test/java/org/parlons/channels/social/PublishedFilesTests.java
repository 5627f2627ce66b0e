package org.parlons.channels.social;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which addresses a customer's file is fetched from: a payload's address could point
 * anywhere, so only https, or the stand-in the inbox itself names.
 */
class PublishedFilesTests {

	@Test
	void onlyHttpsOrTheInboxsOwnStandInIsFetched() {
		Map<String, Object> plain = Map.of();
		Map<String, Object> standIn = Map.of("apiBaseUrl", "http://127.0.0.1:4567");
		assertThat(PlatformHttp.fetchable(plain, URI.create("https://files.mastodon.social/a.jpg"))).isTrue();
		assertThat(PlatformHttp.fetchable(plain, URI.create("http://files.mastodon.social/a.jpg"))).isFalse();
		assertThat(PlatformHttp.fetchable(plain, URI.create("http://127.0.0.1:8080/actuator/env"))).isFalse();
		assertThat(PlatformHttp.fetchable(plain, URI.create("file:///etc/passwd"))).isFalse();
		assertThat(PlatformHttp.fetchable(standIn, URI.create("http://127.0.0.1:4567/files/a.jpg"))).isTrue();
		assertThat(PlatformHttp.fetchable(standIn, URI.create("http://127.0.0.1:8080/files/a.jpg"))).isFalse();
	}

	@Test
	void aFileIsNamedByItsAddressWhenItHasAProperName() {
		assertThat(PlatformHttp.fileName("https://cdn.example/x/voyant.jpg?sig=1", "image")).isEqualTo("voyant.jpg");
		assertThat(PlatformHttp.fileName("https://cdn.example/x/3a9f", "image")).isEqualTo("image");
	}

}
