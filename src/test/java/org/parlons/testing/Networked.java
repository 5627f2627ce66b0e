package org.parlons.testing;

import java.util.List;
import java.util.Map;

/**
 * A small professional network for the page walks: a colleague's LinkedIn export, a vCard
 * tying Jean Durand to Paul Dupont, a job change, an introduction the admin asked for, a
 * lead list.
 */
public final class Networked {

	/** The words the walks' pages show that are data, not the product's. */
	public static final List<String> TYPED = List.of("Jean Durand", "Paul Dupont", "Claire Martin",
			"Directeur financier", "Fibre Conseil", "Réseau Conseil", "Prospects fibre", "Pour le projet fibre");

	private Networked() {
	}

	private static void must(TestApi.Response response) {
		if (response.status() >= 300) {
			throw new IllegalStateException(
					"The walks' network could not be made: " + response.status() + " " + response.body());
		}
	}

	/** The pages the walks read, once the network is made. */
	public static List<String> pages(int port, TestApi admin) {
		String run = TestApi.unique("r");
		String jean = "jean.durand-" + run + "@conseil.example";
		String paul = "paul.dupont-" + run + "@conseil.example";
		String email = TestApi.unique("claire") + "@test.local";
		long claire = admin
			.post("/api/v1/agents",
					Map.of("email", email, "name", "Claire Martin", "password", "walk-password-1", "role", "agent"))
			.id("id");
		String header = "Notes:\n\"When exporting your connection data…\"\n\n"
				+ "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
		// an administrator imports for her: the walks sign in as the admin only
		String hers = "/api/v1/network/imports/linkedin?agentId=" + claire;
		must(admin.postText(hers,
				header + "Jean,Durand,," + jean + ",Fibre Conseil,Directeur financier,12 Mar 2021\n"));
		must(admin.withHeader("Content-Type", "text/vcard")
			.postRaw("/api/v1/network/imports/vcard", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jean Durand\r\nEMAIL:" + jean
					+ "\r\nRELATED;TYPE=colleague:mailto:" + paul + "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\n"
					+ "FN:Paul Dupont\r\nEMAIL:" + paul + "\r\nORG:Réseau Conseil\r\nTITLE:PDG\r\nEND:VCARD\r\n"));
		must(admin.postText(hers,
				header + "Jean,Durand,," + jean + ",Réseau Conseil,Directeur financier,12 Mar 2021\n"));
		long durand = admin.get("/api/v1/customers?q=" + jean).body().get("items").get(0).get("id").asLong();
		long dupont = admin.get("/api/v1/customers?q=" + paul).body().get("items").get(0).get("id").asLong();
		admin.post("/api/v1/network/introductions",
				Map.of("connectorId", claire, "targetId", dupont, "message", "Pour le projet fibre"));
		long organisation = admin.get("/api/v1/network/people/" + durand + "/employments")
			.body()
			.get("items")
			.get(0)
			.get("organisationId")
			.asLong();
		must(admin.post("/api/v1/network/leads", Map.of("list", "Prospects fibre", "organisationId", organisation)));
		return List.of("/network", "/network/people/" + dupont, "/network/people/" + durand,
				"/network/leads?list=Prospects%20fibre");
	}

}
