package org.parlons.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.parlons.conversations.AgentNotices;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * A missed service level is told to whoever holds the conversation, else to its team
 * (issue 19, point 5).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(BreachNoticesTests.Recording.class)
class BreachNoticesTests {

	/** What the agents' screens were told: agent, kind, conversation. */
	static final List<String> told = new CopyOnWriteArrayList<>();

	@TestConfiguration
	static class Recording {

		@Bean
		@Primary
		AgentNotices recordingNotices() {
			return (agent, kind, conversation) -> told.add(agent + " " + kind + " " + conversation);
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	ServiceLevelWatch watch;

	@Test
	void theHolderOrElseTheTeamHearsOfAMissedServiceLevel() throws Exception {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("SLA"), Map.of("sla", Map.of("firstResponse", "PT1S")));
		String pw = "agent-password-1";
		long lea = admin.createAgent(unique("lea") + "@teleo.test", "agent", pw);
		long hugo = admin.createAgent(unique("hugo") + "@teleo.test", "agent", pw);
		admin.post("/api/v1/teams",
				Map.of("name", unique("Care"), "inboxIds", List.of(inbox), "memberIds", List.of(lea, hugo)));
		long held = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), unique("c"), "Bonjour ?"))
			.id("conversationId");
		long nobodys = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), unique("c"), "Allô ?"))
			.id("conversationId");
		admin.post("/api/v1/conversations/" + held + "/assignee", Map.of("agentId", lea));
		admin.post("/api/v1/conversations/" + nobodys + "/assignee", Map.of());
		Thread.sleep(1_500);

		watch.watch();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> told.contains(lea + " breached " + held) && told.contains(hugo + " breached " + nobodys));
		assertThat(told).doesNotContain(hugo + " breached " + held);
		assertThat(told).contains(lea + " breached " + nobodys);
	}

}
