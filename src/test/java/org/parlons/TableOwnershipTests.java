package org.parlons;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each table belongs to one module, and only that module's code names it in SQL: another
 * module asks through the owner's API or listens to its events. Every table the
 * migrations create has an owner here.
 */
class TableOwnershipTests {

	static final Path MAIN = Path.of("src", "main", "java", "org", "parlons");

	static final Map<String, Set<String>> OWNED = Map.ofEntries(
			Map.entry("agents",
					Set.of("agent", "api_token", "team", "team_inbox", "team_member", "agent_availability",
							"agent_preference")),
			Map.entry("audit", Set.of("audit_event", "audit_chain_head")),
			Map.entry("channels",
					Set.of("channel_cursor", "channel_health", "mailbox_state", "outbox", "widget_visitor",
							"channel_post")),
			Map.entry("curation",
					Set.of("curation_source", "curation_item", "curation_item_source", "edition", "edition_brief",
							"edition_target", "edition_step", "edition_digest")),
			Map.entry("conversations",
					Set.of("inbox", "conversation", "conversation_event", "conversation_label", "conversation_note",
							"message", "message_thread_key", "social_post", "canned_response", "macro", "saved_view",
							"conversation_read", "satisfaction")),
			Map.entry("customers",
					Set.of("customer", "customer_event", "customer_identity", "customer_merge", "customer_note",
							"customer_tag", "organisation", "organisation_member")),
			Map.entry("governance", Set.of("approval", "conduct_rule", "mandate_topic")),
			Map.entry("network",
					Set.of("employment", "network_tie", "network_opt_out", "network_cursor", "network_signal",
							"network_task", "introduction", "network_lead", "network_notice")),
			Map.entry("listening",
					Set.of("mention", "mention_hourly", "mention_daily", "mention_source_daily", "mention_sample",
							"mention_topic", "listening_topic", "topic_hourly", "topic_daily", "listening_cursor",
							"listening_alert", "feed", "network_search", "brand_post", "brand_post_metric",
							"inbox_followers")),
			Map.entry("advocacy",
					Set.of("programme", "programme_member", "programme_member_status", "programme_mission",
							"programme_reward", "programme_redemption", "programme_points", "programme_flag",
							"advocacy_cursor")),
			Map.entry("representation",
					Set.of("community", "community_member", "election", "election_candidate", "election_voter",
							"election_ballot", "representative", "representative_question", "mediator", "mediation",
							"recall_signature", "mediation_step")),
			Map.entry("segments",
					Set.of("segment", "segment_member", "segment_change", "segment_dirty", "segment_cursor", "score",
							"score_point", "score_crossing", "next_action", "next_action_decision")),
			Map.entry("reporting", Set.of("report_daily")), Map.entry("knowledge", Set.of("answer")),
			Map.entry("portal",
					Set.of("portal_link", "portal_session", "portal_preference", "customer_contract", "consumption",
							"data_grant", "data_grant_access", "portal_visit")),
			Map.entry("privacy", Set.of("consent_purpose", "consent_record", "data_request", "signing_key")),
			Map.entry("routing", Set.of("escalation", "escalation_rule", "assignment_cursor")),
			Map.entry("platform", Set.of("event_publication", "lease", "shared_state")));

	static final Pattern SQL = Pattern
		.compile("(?i)\\b(?:from|join|into|update|merge into|delete from)\\s+([a-z_]+)\\b");

	@Test
	void onlyTheOwningModuleNamesATableInItsSql() throws IOException {
		Map<String, String> ownerOf = new java.util.HashMap<>();
		OWNED.forEach((module, tables) -> tables.forEach(t -> ownerOf.put(t, module)));
		List<String> trespasses = new ArrayList<>();
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				String module = MAIN.relativize(file).getName(0).toString();
				for (String literal : stringLiterals(Files.readString(file))) {
					Matcher m = SQL.matcher(literal);
					while (m.find()) {
						String owner = ownerOf.get(m.group(1).toLowerCase());
						if (owner != null && !owner.equals(module)) {
							trespasses.add(MAIN.relativize(file) + " names " + m.group(1) + " of " + owner);
						}
					}
				}
			}
		}
		assertThat(trespasses).isEmpty();
	}

	@Test
	void everyTableTheMigrationsCreateHasAnOwner() throws IOException {
		Set<String> created = new TreeSet<>();
		Pattern create = Pattern.compile("(?i)create table ([a-z_]+)");
		try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
			for (Path file : files.toList()) {
				Matcher m = create.matcher(Files.readString(file));
				while (m.find()) {
					created.add(m.group(1).toLowerCase());
				}
			}
		}
		Set<String> dropped = Set.of("social_post_metric");
		Set<String> owned = new TreeSet<>();
		OWNED.values().forEach(owned::addAll);
		created.removeAll(dropped);
		assertThat(owned).containsAll(created);
	}

	/**
	 * The contents of the string literals of a source file, text blocks included, joined
	 * where concatenated.
	 */
	static List<String> stringLiterals(String source) {
		List<String> literals = new ArrayList<>();
		Matcher m = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"").matcher(source.replaceAll("\"\\s*\\+\\s*\"", ""));
		while (m.find()) {
			literals.add(m.group(1));
		}
		return literals;
	}

}
