package org.parlons.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Agent;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.AgentRegistration;
import org.parlons.agents.InboxAccess;
import org.parlons.agents.Mandate;
import org.parlons.agents.Role;
import org.parlons.agents.Team;
import org.parlons.agents.Teams;
import org.parlons.channels.InboxSetup;
import org.parlons.conversations.CannedResponses;
import org.parlons.conversations.ConversationActions;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Ingestion;
import org.parlons.conversations.Replies;
import org.parlons.governance.Approvals;
import org.parlons.listening.Topics;
import org.parlons.platform.TravellingClock;
import org.parlons.reporting.ReportRollups;
import org.parlons.routing.EscalationRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds Téléo's customer service: teams, agents, inboxes with service levels and business
 * hours, rules, canned replies, and 90 days of history written through the real
 * ingestion, reply, approval and escalation paths, the server's clock set back to each
 * moment ({@link TravellingClock}): questions in working hours (fewer at weekends),
 * answers minutes to hours later (some past the service level), follow-ups, resolutions,
 * escalations, a held gesture approved and one waiting, and in the last hours a bad buzz
 * on the public channel. Nothing is dated after the moment it is written. Runs only with
 * {@code PARLONS_DEMO=true} and only on a workspace without inboxes.
 */
@Component
@Order(10)
class DemoSeeder implements ApplicationRunner {

	static final String PASSWORD = "parlons-demo";

	static final int DAYS = 90;

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

	private final DemoSettings settings;

	private final Services services;

	private final TravellingClock clock;

	/** The services the demo writes through, gathered to keep the constructor short. */
	@Component
	record Services(Inboxes inboxes, InboxSetup setup, AgentRegistration registration, Teams teams, Ingestion ingestion,
			Replies replies, ConversationActions actions, CannedResponses canned, InboxAccess access,
			Approvals approvals, EscalationRules rules, Topics topics, ReportRollups rollups) {
	}

	DemoSeeder(DemoSettings settings, Services services, TravellingClock clock) {
		this.settings = settings;
		this.services = services;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!settings.enabled() || !services.inboxes().findAll().isEmpty()) {
			return;
		}
		log.info("Seeding the Téléo demo workspace (90 days of history)…");
		Instant now = clock.instant();
		try {
			clock.setTo(now.minus(Duration.ofDays(DAYS + 1)));
			int conversations = seed(new Random(2011), now);
			clock.present();
			services.rollups().rebuild(LocalDate.now(PARIS).minusDays(DAYS + 1), LocalDate.now(PARIS));
			log.info(
					"Demo ready: {} conversations over {} days. Sign in as sophie.laurent@teleo.fr / {} "
							+ "(supervisor) or julie.martin@teleo.fr / {} (agent).",
					conversations, DAYS, PASSWORD, PASSWORD);
		}
		finally {
			clock.present();
		}
	}

	private int seed(Random random, Instant now) {
		Map<String, Object> service = Map.of("sla", Map.of("firstResponse", "PT4H", "resolution", "PT72H"),
				"businessHours", Map.of("zone", "Europe/Paris", "mon", "08:30-19:00", "tue", "08:30-19:00", "wed",
						"08:30-19:00", "thu", "08:30-19:00", "fri", "08:30-19:00", "sat", "09:00-13:00"));
		Inbox web = services.setup().create("Formulaire de contact", "api", service, true);
		Inbox app = services.setup().create("Application mobile", "api", service, true);
		Inbox shops = services.setup().create("Boutiques partenaires", "api", Map.of(), true);
		Inbox social = services.setup().create("Mentions publiques", "api", Map.of(), false);
		Inbox chat = services.setup()
			.create("Chat du site", "widget",
					Map.of("welcome", "Bonjour ! Une question sur votre box ou votre forfait ?"), true);

		Agent sophie = agent("sophie.laurent@teleo.fr", "Sophie Laurent", Role.SUPERVISOR, "500");
		Agent julie = agent("julie.martin@teleo.fr", "Julie Martin", Role.AGENT, "50");
		Agent karim = agent("karim.benali@teleo.fr", "Karim Benali", Role.AGENT, "50");
		Agent ines = agent("ines.moreau@teleo.fr", "Inès Moreau", Role.AGENT, "80");
		Agent thomas = agent("thomas.petit@teleo.fr", "Thomas Petit", Role.AGENT, "50");
		Agent marc = agent("marc.dubois@teleo.fr", "Marc Dubois", Role.ANALYST, null);
		Team care = services.teams()
			.create("Service client", List.of(web.id(), app.id(), social.id(), chat.id()),
					List.of(julie.id(), karim.id(), ines.id(), sophie.id()));
		Team billing = services.teams().create("Facturation", List.of(web.id()), List.of(ines.id(), thomas.id()));
		services.teams().create("Réseau de boutiques", List.of(shops.id()), List.of(thomas.id(), sophie.id()));
		services.teams()
			.create("Études", List.of(web.id(), app.id(), shops.id(), social.id(), chat.id()), List.of(marc.id()));

		services.canned()
			.create("bonjour", "Accueil", "Bonjour {{customer.firstName}},\n\nMerci pour votre message. ", null);
		services.canned().create("signature", "Signature", "Bien cordialement,\n{{agent.name}}, l'équipe Téléo", null);
		services.canned()
			.create("panne", "Incident réseau", "Un incident touche actuellement votre secteur ; nos équipes sont "
					+ "mobilisées et le service devrait être rétabli dans la journée.", care.id());
		services.rules()
			.create(sophie.id(),
					new EscalationRules.Draft("Menace de litige", EscalationRules.Kind.KEYWORDS,
							List.of("UFC", "avocat", "association de consommateurs", "médiateur"), null, null, null,
							null, billing.id(), null, null, null));
		services.rules()
			.create(sophie.id(), new EscalationRules.Draft("Demande un responsable", EscalationRules.Kind.MANAGER,
					List.of(), null, null, null, null, null, sophie.id(), null, null));
		services.topics().create("Panne Lyon", List.of("panne", "lyon"));
		services.topics().create("Facturation", List.of("facture", "prélèvement", "frais"));

		List<Inbox> desks = List.of(web, app, shops);
		List<AgentPrincipal> answerers = List.of(new AgentPrincipal(julie), new AgentPrincipal(karim),
				new AgentPrincipal(ines), new AgentPrincipal(thomas), new AgentPrincipal(sophie));
		DemoStory story = new DemoStory(services, clock, random, now);
		int conversations = 0;
		for (int c = 0; c < 420; c++) {
			String first = DemoText.FIRST[random.nextInt(DemoText.FIRST.length)];
			String last = DemoText.LAST[random.nextInt(DemoText.LAST.length)];
			DemoStory.Person person = new DemoStory.Person(c, first + " " + last,
					DemoText.address(first + "." + last + c) + "@exemple.fr",
					"06" + String.format("%08d", random.nextInt(100_000_000)));
			Inbox inbox = desks.get(random.nextInt(10) < 6 ? 0 : random.nextInt(10) < 7 ? 1 : 2);
			story.conversation(inbox, person, DemoStory.workingMoment(random, now), answerers);
			conversations++;
		}
		story.publicVoice(social, new AgentPrincipal(julie));
		int chats = story.chats(chat, new AgentPrincipal(karim));
		story.approvals(web, new AgentPrincipal(julie), new AgentPrincipal(sophie));
		story.replay();
		return conversations + chats + 2;
	}

	private Agent agent(String email, String name, Role role, @Nullable String maxGesture) {
		Mandate mandate = maxGesture == null ? Mandate.NONE : new Mandate(new BigDecimal(maxGesture), "EUR");
		return services.registration().register(email, name, PASSWORD, role, mandate);
	}

}
