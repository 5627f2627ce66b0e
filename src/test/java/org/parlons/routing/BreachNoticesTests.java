package org.parlons.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parlons.testing.WebSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
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

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
	}

	@LocalServerPort
	int port;

	@Autowired
	ServiceLevelWatch watch;

	private static List<MimeMessage> mailsTo(String address) {
		return java.util.Arrays.stream(mail.getReceivedMessages()).filter(m -> {
			try {
				return m.getAllRecipients()[0].toString().equals(address);
			}
			catch (jakarta.mail.MessagingException ex) {
				return false;
			}
		}).toList();
	}

	@Test
	void theHolderOrElseTheTeamHearsOfAMissedServiceLevel() throws Exception {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("SLA"), Map.of("sla", Map.of("firstResponse", "PT1S")));
		String pw = "agent-password-1";
		String leaMail = unique("lea") + "@teleo.test";
		String hugoMail = unique("hugo") + "@teleo.test";
		long lea = admin.createAgent(leaMail, "agent", pw);
		long hugo = admin.createAgent(hugoMail, "agent", pw);
		// Léa reads Parlons in English (the screens' switch), Hugo chose nothing: French
		WebSession.signIn(port, leaMail, pw).get("/inbox?lang=en");
		assertThat(TestApi.basic(port, leaMail, pw).get("/api/v1/me").body().get("readsIn").asString()).isEqualTo("en");
		assertThat(TestApi.basic(port, hugoMail, pw).put("/api/v1/me/language", Map.of("language", "de")).status())
			.isEqualTo(422);
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

		// and by mail, in each one's language
		await().atMost(Duration.ofSeconds(10))
			.until(() -> mailsTo(leaMail).size() >= 2 && mailsTo(hugoMail).size() >= 1);
		assertThat(mailsTo(leaMail)).extracting(MimeMessage::getSubject)
			.contains("Service level missed: conversation #" + held);
		MimeMessage french = mailsTo(hugoMail).get(0);
		assertThat(french.getSubject()).isEqualTo("Niveau de service manqué : conversation n° " + nobodys);
		assertThat(french.getContent().toString()).contains("Première réponse")
			.contains("/inbox?status=all&open=" + nobodys);
		assertThat(mailsTo(hugoMail)).extracting(MimeMessage::getSubject)
			.as("Hugo is not mailed about Léa's conversation")
			.noneMatch(subject -> subject.endsWith("n° " + held));
	}

}
