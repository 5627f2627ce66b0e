package org.parlons.agents;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.parlons.testing.WebSession;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * Each agent reads times in their own zone (issue 20): chosen once, used on every screen;
 * none chosen, the server's; a zone that does not exist is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimeZoneTests {

	@LocalServerPort
	int port;

	@Test
	void anAgentInMontrealReadsMontrealTimes() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Zones"), Map.of());
		Instant sent = Instant.parse("2026-06-15T14:05:00Z");
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound",
					Map.of("externalId", unique("m"), "author", Map.of("externalId", unique("c"), "name", "Zoé"),
							"text", "Bonjour", "sentAt", sent.toString()))
			.id("conversationId");
		String email = unique("chloe") + "@teleo.test";
		admin.createAgent(email, "supervisor", "agent-password-1");
		TestApi chloe = TestApi.basic(port, email, "agent-password-1");
		WebSession screens = WebSession.signIn(port, email, "agent-password-1");
		DateTimeFormatter shown = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm");
		String paris = shown.format(sent.atZone(ZoneId.of("Europe/Paris")));
		String montreal = shown.format(sent.atZone(ZoneId.of("America/Montreal")));

		assertThat(pane(screens, conversation)).contains(paris).doesNotContain(montreal);
		var changed = chloe.put("/api/v1/me/time-zone", Map.of("timeZone", "America/Montreal"));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.body().get("timeZone").asString()).isEqualTo("America/Montreal");
		assertThat(pane(screens, conversation)).contains(montreal).doesNotContain(paris);
		assertThat(chloe.put("/api/v1/me/time-zone", Map.of("timeZone", "Mars/Olympus")).status()).isIn(400, 422);
		assertThat(TestApi.asAdmin(port).get("/api/v1/me").body().get("timeZone").isNull())
			.as("another agent keeps the server's")
			.isTrue();
	}

	private static String pane(WebSession screens, long conversation) {
		return screens.get("/inbox?status=all&open=" + conversation).body();
	}

}
