package org.parlons.customers;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * Two profiles become one, the merged one's conversations show under the survivor, and
 * the undo restores both exactly, with both steps in the history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerMergesTests {

	@LocalServerPort
	int port;

	@Test
	void mergesTwoProfilesAndUndoesTheMerge() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Merge"), Map.of());
		String mail = unique("paul") + "@exemple.fr";
		var a = admin.post("/api/v1/inboxes/" + inbox + "/inbound", Map.of("externalId", unique("m"), "author",
				Map.of("externalId", unique("web"), "name", "Paul Martin", "email", mail), "text", "Depuis le site"));
		var b = admin.post("/api/v1/inboxes/" + inbox + "/inbound", Map.of("externalId", unique("m"), "author",
				Map.of("externalId", unique("app"), "phone", "06 12 34 56 78"), "text", "Depuis l'appli"));
		long paul = a.id("customerId");
		long anonymous = b.id("customerId");
		assertThat(paul).isNotEqualTo(anonymous);
		admin.post("/api/v1/customers/" + anonymous + "/tags", Map.of("tag", "mobile"));

		var merge = admin.post("/api/v1/customers/" + paul + "/merge", Map.of("mergedId", anonymous));
		assertThat(merge.status()).isEqualTo(200);
		var survivor = admin.get("/api/v1/customers/" + paul).body();
		assertThat(survivor.get("identities").toString()).contains("+33612345678").contains(mail);
		assertThat(survivor.get("tags").toString()).contains("mobile");
		assertThat(admin.get("/api/v1/conversations?customerId=" + paul).body().get("total").asLong()).isEqualTo(2);
		var list = admin.get("/api/v1/conversations?inboxId=" + inbox).body().get("items");
		assertThat(list.valueStream().map(i -> i.get("customerId").asLong())).containsOnly(paul);
		var next = admin.post("/api/v1/inboxes/" + inbox + "/inbound", Map.of("externalId", unique("m"), "author",
				Map.of("externalId", unique("other"), "phone", "+33612345678"), "text", "Encore moi"));
		assertThat(next.id("customerId")).isEqualTo(paul);
		assertThat(admin.post("/api/v1/customers/" + paul + "/merge", Map.of("mergedId", anonymous)).status())
			.isEqualTo(409);

		var undo = admin.post("/api/v1/customers/merges/" + merge.id("id") + "/undo", Map.of());
		assertThat(undo.status()).isEqualTo(200);
		var restored = admin.get("/api/v1/customers/" + anonymous).body();
		assertThat(restored.get("mergedInto").isNull()).isTrue();
		assertThat(restored.get("identities").toString()).contains("+33612345678").doesNotContain(mail);
		assertThat(restored.get("tags").toString()).contains("mobile");
		var paulAgain = admin.get("/api/v1/customers/" + paul).body();
		assertThat(paulAgain.get("identities").toString()).doesNotContain("+33612345678");
		assertThat(paulAgain.get("tags").toString()).doesNotContain("mobile");
		assertThat(admin.get("/api/v1/conversations?customerId=" + anonymous).body().get("total").asLong())
			.isEqualTo(1);
		assertThat(admin.get("/api/v1/customers/" + paul + "/history").body().toString()).contains("merged")
			.contains("merge-undone");
		assertThat(admin.post("/api/v1/customers/merges/" + merge.id("id") + "/undo", Map.of()).status())
			.isEqualTo(409);
	}

	@Test
	void importsAWholeFileOrNothingAndExportsIt() {
		TestApi admin = TestApi.asAdmin(port);
		String email = unique("csv") + "@exemple.fr";
		String csv = "name,email,phone,tags,attr.contrat\n" + "Anne Roux," + email + ",0611223344,vip;fibre,F-123\n"
				+ "Sans Contact,,,,\n" + "Anne R.," + email + ",,ancienne,\n";
		var rejected = admin.postText("/api/v1/customers/import", csv);
		assertThat(rejected.status()).isEqualTo(422);
		assertThat(rejected.body().get("errors").toString()).contains("line 3").contains("needs an email or a phone");
		assertThat(admin.get("/api/v1/customers?q=" + email).body().get("total").asLong())
			.as("nothing of a rejected file is stored")
			.isZero();

		var r = admin.postText("/api/v1/customers/import", csv.replace("Sans Contact,,,,\n", ""));
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.body().get("created").asInt()).isEqualTo(1);
		assertThat(r.body().get("updated").asInt()).isEqualTo(1);
		assertThat(r.body().get("errors")).isEmpty();
		String export = admin.getText("/api/v1/customers/export");
		assertThat(export).contains("Anne Roux")
			.contains(email)
			.contains("+33611223344")
			.contains("ancienne;fibre;vip")
			.contains("F-123");
	}

}
