package org.parlons.platform;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is worth reading (issue 20): a real title and version, the bearer
 * scheme declared (Swagger UI's Authorize works), operations described by their handlers'
 * Javadoc.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsTests {

	@LocalServerPort
	int port;

	@Test
	void theDocumentNamesItselfDeclaresItsSchemesAndDescribesItsOperations() {
		JsonNode docs = TestApi.asAdmin(port).get("/v3/api-docs").body();
		assertThat(docs.get("info").get("title").asString()).isEqualTo("Parlons API");
		assertThat(docs.get("info").get("version").asString()).isNotEqualTo("v0");
		assertThat(docs.get("components").get("securitySchemes").get("bearer").get("scheme").asString())
			.isEqualTo("bearer");
		assertThat(docs.get("security").toString()).contains("bearer");

		List<String> undescribed = new ArrayList<>();
		int operations = 0;
		for (var path : docs.get("paths").properties()) {
			for (var operation : path.getValue().properties()) {
				operations++;
				JsonNode o = operation.getValue();
				boolean described = o.hasNonNull("description") && !o.get("description").asString().isBlank()
						|| o.hasNonNull("summary") && !o.get("summary").asString().isBlank();
				if (!described) {
					undescribed.add(operation.getKey().toUpperCase() + " " + path.getKey());
				}
			}
		}
		assertThat(operations).isGreaterThan(80);
		assertThat(
				docs.get("paths").get("/api/v1/conversations/{id}/replies").get("post").get("description").asString())
			.contains("held");
		System.out.println(
				"API operations: " + operations + ", without a description: " + undescribed.size() + " " + undescribed);
		assertThat(undescribed).as("operations without a description").isEmpty();

		int fields = 0;
		List<String> bare = new ArrayList<>();
		for (var schema : docs.get("components").get("schemas").properties()) {
			JsonNode properties = schema.getValue().get("properties");
			if (properties == null) {
				continue;
			}
			for (var field : properties.properties()) {
				fields++;
				if (!field.getValue().hasNonNull("description")) {
					bare.add(schema.getKey() + "." + field.getKey());
				}
			}
		}
		System.out.println("API fields: " + fields + ", without a description: " + bare.size() + " " + bare);
		List<String> contract = List.of("InboundBody", "AuthorBody", "Accepted", "MessageView", "ConversationSummary",
				"ConversationView", "NewReply", "Gesture", "NewConversation", "Started", "InboxView", "HealthView",
				"NewAgent", "AgentView", "MandateBody", "Money", "NewTeam", "Team", "NewToken", "Issued",
				"SentimentBody", "TonalityBody", "Item", "Attachment");
		assertThat(bare).as("fields of the contract's calls without a description")
			.noneMatch(field -> contract.contains(field.substring(0, field.indexOf('.'))));
		// a getter's derived flag and the live stream's object: no record component to
		// describe them
		assertThat(bare).as("fields without a description").containsOnly("Customer.merged", "SseEmitter.timeout");

		for (String call : OpenApiExamples.BODIES.keySet()) {
			String[] parts = call.split(" ", 2);
			JsonNode examples = docs.get("paths")
				.get(parts[1])
				.get(parts[0].toLowerCase())
				.get("requestBody")
				.get("content")
				.get("application/json")
				.get("examples");
			assertThat(examples).as("an example for " + call).isNotNull();
			assertThat(examples.get("example").get("value").isObject()).isTrue();
		}
	}

}
