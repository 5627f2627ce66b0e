package org.parlons.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.parlons.agents.Agent;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.AgentRegistration;
import org.parlons.agents.Mandate;
import org.parlons.agents.Role;
import org.parlons.agents.InboxAccess;
import org.parlons.agents.Team;
import org.parlons.agents.Teams;
import org.parlons.channels.InboxSetup;
import org.parlons.conversations.CannedResponses;
import org.parlons.conversations.ConversationActions;
import org.parlons.conversations.ConversationStatus;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Ingestion;
import org.parlons.conversations.Replies;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Author;
import org.parlons.customers.Identity;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds Téléo's customer service: teams, agents, inboxes, a few hundred customers and
 * conversations, all through the real ingestion and reply paths. Runs only with
 * {@code PARLONS_DEMO=true} and only on a workspace without inboxes.
 */
@Component
@Order(10)
class DemoSeeder implements ApplicationRunner {

	static final String PASSWORD = "parlons-demo";

	private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

	private final boolean enabled;

	private final Inboxes inboxes;

	private final InboxSetup setup;

	private final AgentRegistration registration;

	private final Teams teams;

	private final Ingestion ingestion;

	private final Replies replies;

	private final ConversationActions actions;

	private final CannedResponses canned;

	private final Clock clock;

	private final InboxAccess access;

	DemoSeeder(InboxAccess access, DemoSettings settings, Inboxes inboxes, InboxSetup setup,
			AgentRegistration registration, Teams teams, Ingestion ingestion, Replies replies,
			ConversationActions actions, CannedResponses canned, Clock clock) {
		this.enabled = settings.enabled();
		this.inboxes = inboxes;
		this.setup = setup;
		this.registration = registration;
		this.teams = teams;
		this.ingestion = ingestion;
		this.replies = replies;
		this.actions = actions;
		this.canned = canned;
		this.clock = clock;
		this.access = access;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!enabled || !inboxes.findAll().isEmpty()) {
			return;
		}
		log.info("Seeding the Téléo demo workspace…");
		Random random = new Random(2011);
		Inbox web = setup.create("Formulaire de contact", "api", Map.of(), true);
		Inbox app = setup.create("Application mobile", "api", Map.of(), true);
		Inbox shops = setup.create("Boutiques partenaires", "api", Map.of(), true);

		Agent sophie = agent("sophie.laurent@teleo.fr", "Sophie Laurent", Role.SUPERVISOR, "500");
		Agent julie = agent("julie.martin@teleo.fr", "Julie Martin", Role.AGENT, "50");
		Agent karim = agent("karim.benali@teleo.fr", "Karim Benali", Role.AGENT, "50");
		Agent ines = agent("ines.moreau@teleo.fr", "Inès Moreau", Role.AGENT, "80");
		Agent thomas = agent("thomas.petit@teleo.fr", "Thomas Petit", Role.AGENT, "50");
		agent("marc.dubois@teleo.fr", "Marc Dubois", Role.ANALYST, null);
		Team care = teams.create("Service client", List.of(web.id(), app.id()),
				List.of(julie.id(), karim.id(), ines.id()));
		teams.create("Facturation", List.of(web.id()), List.of(ines.id(), thomas.id()));
		teams.create("Réseau de boutiques", List.of(shops.id()), List.of(thomas.id(), sophie.id()));

		canned.create("bonjour", "Accueil", "Bonjour {{customer.firstName}},\n\nMerci pour votre message. ", null);
		canned.create("signature", "Signature", "Bien cordialement,\n{{agent.name}}, l'équipe Téléo", null);
		canned.create("panne", "Incident réseau", "Un incident touche actuellement votre secteur ; nos équipes sont "
				+ "mobilisées et le service devrait être rétabli dans la journée.", care.id());

		List<Inbox> all = List.of(web, app, shops);
		List<AgentPrincipal> answerers = List.of(new AgentPrincipal(julie), new AgentPrincipal(karim),
				new AgentPrincipal(ines), new AgentPrincipal(thomas), new AgentPrincipal(sophie));
		int conversations = 0;
		for (int c = 0; c < 320; c++) {
			String first = DemoText.FIRST[random.nextInt(DemoText.FIRST.length)];
			String last = DemoText.LAST[random.nextInt(DemoText.LAST.length)];
			String email = DemoText.address(first + "." + last + c) + "@exemple.fr";
			String phone = "06" + String.format("%08d", random.nextInt(100_000_000));
			int threads = 1 + (random.nextInt(10) < 3 ? 1 : 0);
			for (int t = 0; t < threads; t++) {
				Inbox inbox = all.get(random.nextInt(10) < 6 ? 0 : random.nextInt(10) < 7 ? 1 : 2);
				seedConversation(random, inbox, c, t, first + " " + last, email, phone, answerers);
				conversations++;
			}
		}
		log.info(
				"Demo ready: {} conversations. Sign in as sophie.laurent@teleo.fr / {} (supervisor) or "
						+ "julie.martin@teleo.fr / {} (agent of team {}).",
				conversations, PASSWORD, PASSWORD, care.name());
	}

	private void seedConversation(Random random, Inbox inbox, int customer, int thread, String name, String email,
			String phone, List<AgentPrincipal> answerers) {
		DemoText.Topic topic = DemoText.TOPICS[random.nextInt(DemoText.TOPICS.length)];
		Instant start = clock.instant().minus(Duration.ofMinutes(random.nextInt(60 * 24 * 30)));
		List<Identity> identities = new ArrayList<>();
		identities.add(Identity.external("inbox:" + inbox.id(), "client-" + customer));
		identities.add(Identity.email(email));
		identities.add(Identity.phone(phone, "FR"));
		Author author = new Author(name, identities);
		var received = ingestion.receive(new InboundMessage(inbox.id(), "demo-" + customer + "-" + thread + "-0",
				author, topic.question(), start, Visibility.PRIVATE, null, topic.subject(), List.of()));
		int stage = random.nextInt(10);
		if (stage < 3) {
			return;
		}
		AgentPrincipal agent = answerers.get(random.nextInt(answerers.size()));
		if (!access.scopeOf(agent).includes(inbox.id())) {
			agent = answerers.get(answerers.size() - 1);
		}
		replies.reply(agent, received.conversationId(), topic.answer(), Visibility.PRIVATE);
		if (stage < 6) {
			ingestion.receive(new InboundMessage(inbox.id(), "demo-" + customer + "-" + thread + "-1", author,
					topic.followUp(), clock.instant(), Visibility.PRIVATE, "demo-" + customer + "-" + thread + "-0",
					null, List.of()));
			return;
		}
		if (stage < 8) {
			actions.label(agent, received.conversationId(), topic.label());
			actions.changeStatus(agent, received.conversationId(), ConversationStatus.RESOLVED, null);
		}
		else {
			actions.changeStatus(agent, received.conversationId(), ConversationStatus.PENDING, null);
		}
	}

	private Agent agent(String email, String name, Role role, String maxGesture) {
		Mandate mandate = maxGesture == null ? Mandate.NONE : new Mandate(new java.math.BigDecimal(maxGesture), "EUR");
		return registration.register(email, name, PASSWORD, role, mandate);
	}

}
