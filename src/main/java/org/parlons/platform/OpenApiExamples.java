package org.parlons.platform;

import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A worked example for each call of the outside contract (docs/api-guide.md): the body
 * Swagger UI's "Try it out" starts from. Each is real JSON, read at start-up, so a typo
 * fails the build's tests rather than a reader.
 */
@Component
class OpenApiExamples implements OpenApiCustomizer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** "METHOD path" → an example body. */
	static final Map<String, String> BODIES = Map.ofEntries(Map.entry("POST /api/v1/inboxes",
			"""
					{"name": "Support", "channel": "email", "address": "support@example.org",
					 "imap": {"host": "imap.example.org", "port": 993, "username": "support@example.org", "password": "…", "tls": true},
					 "smtp": {"host": "smtp.example.org", "port": 465, "username": "support@example.org", "password": "…", "tls": true}}"""),
			Map.entry("POST /api/v1/inboxes/{inboxId}/inbound",
					"""
							{"externalId": "crm-4711", "author": {"externalId": "client-88", "name": "Hélène Bonnet",
							 "email": "helene.bonnet@example.org"}, "text": "Bonjour, ma box clignote en rouge depuis ce matin.",
							 "sentAt": "2026-12-01T09:30:00+01:00", "visibility": "private"}"""),
			Map.entry("POST /api/v1/conversations/{id}/replies",
					"""
							{"text": "Bonjour Hélène, pouvez-vous redémarrer la box ? Nous restons là.", "visibility": "private"}"""),
			Map.entry("POST /api/v1/conversations", """
					{"inboxId": 3, "to": "helene.bonnet@example.org", "name": "Hélène Bonnet",
					 "subject": "Votre rendez-vous", "text": "Bonjour Hélène, le technicien passe jeudi à 10 h."}"""),
			Map.entry("POST /api/v1/tokens", """
					{"name": "CRM sync"}"""),
			Map.entry("POST /api/v1/agents",
					"""
							{"email": "ines.moreau@example.org", "name": "Inès Moreau", "password": "a-long-password-1",
							 "role": "agent", "mandate": {"maxGesture": {"amount": 30, "currency": "EUR"}, "languages": ["fr", "en"]}}"""),
			Map.entry("POST /api/v1/teams", """
					{"name": "Équipe Lyon", "inboxIds": [3], "memberIds": [7, 8]}"""),
			Map.entry("POST /api/v1/analysis/sentiment", """
					{"texts": ["Merci, c'est réparé !", "Dix jours sans internet, inadmissible."]}"""),
			Map.entry("POST /api/v1/analysis/tonality", """
					{"messages": [{"author": "helene", "text": "Merci, c'est réparé !"},
					 {"author": "paul", "score": -0.6}]}"""),
			Map.entry("POST /api/v1/programmes",
					"""
							{"name": "Ambassadeurs fibre", "kind": "ambassador", "description": "Ceux qui font aimer la fibre"}"""),
			Map.entry("POST /api/v1/programmes/{id}/members", """
					{"customerId": 42, "mission": "Présenter la fibre à vos voisins", "termEndsOn": "2027-06-30",
					 "contract": {"kind": "paid", "amount": 300, "currency": "EUR"}}"""),
			Map.entry("POST /api/v1/programmes/{id}/members/{memberId}/status", """
					{"status": "vetted", "note": "Entretien du 3 décembre"}"""),
			Map.entry("POST /api/v1/programmes/{id}/missions", """
					{"title": "Partagez votre installation", "kind": "share", "points": 50,
					 "evidenceMatch": "#TeleoFibre", "maxPerMember": 2}"""));

	@Override
	public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
		BODIES.forEach((call, body) -> {
			String[] parts = call.split(" ", 2);
			PathItem path = openApi.getPaths() == null ? null : openApi.getPaths().get(parts[1]);
			Operation operation = path == null ? null
					: path.readOperationsMap().get(PathItem.HttpMethod.valueOf(parts[0]));
			if (operation == null || operation.getRequestBody() == null
					|| operation.getRequestBody().getContent() == null) {
				return;
			}
			MediaType json = operation.getRequestBody().getContent().get("application/json");
			if (json != null) {
				json.addExamples("example", new Example().value(JSON.readValue(body, Map.class)));
			}
		});
	}

}
