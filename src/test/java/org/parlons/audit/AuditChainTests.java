package org.parlons.audit;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.platform.Database;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parlons.testing.TestApi.unique;

/**
 * The audit log verifies (issue 19, point 5): its hash chain is intact after real
 * actions, records inbox, token and customer changes, and finds a line changed behind the
 * application's back; on PostgreSQL the change itself is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditChainTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Value("${spring.datasource.url}")
	String url;

	@Test
	void theChainIsIntactAfterRealActionsAndRecordsWhatChanged() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Chain"), Map.of());
		admin.patch("/api/v1/inboxes/" + inbox, Map.of("name", unique("Chain renamed")));
		long token = admin.post("/api/v1/tokens", Map.of("name", "chain")).id("id");
		admin.delete("/api/v1/tokens/" + token);
		long customer = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), unique("c"), "Bonjour"))
			.id("customerId");
		admin.post("/api/v1/customers/" + customer + "/tags", Map.of("tag", "fidèle"));

		JsonNode verified = admin.get("/api/v1/audit/verify").body();

		assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
		assertThat(verified.get("lines").asLong()).isPositive().isEqualTo(verified.get("lastSeq").asLong());
		for (String type : new String[] { "inbox.created", "token.created", "token.revoked", "customer.tagged" }) {
			assertThat(admin.get("/api/v1/audit?type=" + type).body().get("total").asLong()).as(type).isPositive();
		}
		assertThat(admin.get("/api/v1/audit?type=inbox.updated&q=inbox:" + inbox).body().toString()).contains("name");
		assertThat(TestApi.basic(port, agent(admin), "password-of-ana").get("/api/v1/audit/verify").status())
			.isEqualTo(403);
	}

	@Test
	void aLineChangedBehindTheApplicationsBackBreaksTheChainOrIsRefused() {
		TestApi admin = TestApi.asAdmin(port);
		admin.createApiInbox(unique("Tamper"), Map.of());
		long seq = jdbc.sql("select max(seq) from audit_event").query(Long.class).single();
		String detail = jdbc.sql("select detail from audit_event where seq = ?")
			.param(seq)
			.query(String.class)
			.single();

		if (Database.Dialect.of(url) == Database.Dialect.POSTGRESQL) {
			assertThatThrownBy(
					() -> jdbc.sql("update audit_event set detail = 'nothing' where seq = ?").param(seq).update())
				.rootCause()
				.hasMessageContaining("append-only");
			assertThatThrownBy(() -> jdbc.sql("delete from audit_event where seq = ?").param(seq).update()).rootCause()
				.hasMessageContaining("append-only");
			assertThat(admin.get("/api/v1/audit/verify").body().get("intact").asBoolean()).isTrue();
			return;
		}
		jdbc.sql("update audit_event set detail = 'nothing' where seq = ?").param(seq).update();
		try {
			JsonNode verified = admin.get("/api/v1/audit/verify").body();
			assertThat(verified.get("intact").asBoolean()).isFalse();
			assertThat(verified.get("firstBrokenSeq").asLong()).isEqualTo(seq);
			assertThat(verified.get("problem").asString()).contains("changed");
		}
		finally {
			jdbc.sql("update audit_event set detail = ? where seq = ?").params(detail, seq).update();
		}
		assertThat(admin.get("/api/v1/audit/verify").body().get("intact").asBoolean()).isTrue();
	}

	private String agent(TestApi admin) {
		String email = unique("ana") + "@teleo.test";
		admin.createAgent(email, "supervisor", "password-of-ana");
		return email;
	}

}
