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
 * on the public channel. The email inbox reads and sends through the demo's own mail
 * server ({@link DemoMailbox}), WhatsApp and Mastodon through a stand-in for their APIs
 * ({@link DemoNetwork}); after the history, fresh mail and a mention come in through
 * those channels' pollers. Nothing is dated after the moment it is written. Runs only
 * with {@code PARLONS_DEMO=true} and only on a workspace without inboxes.
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
			Approvals approvals, EscalationRules rules, Topics topics, ReportRollups rollups,
			org.parlons.network.NetworkImports network) {
	}

	private final DemoMailbox mailbox;

	private final DemoNetwork network;

	DemoSeeder(DemoSettings settings, Services services, TravellingClock clock, DemoMailbox mailbox,
			DemoNetwork network) {
		this.settings = settings;
		this.services = services;
		this.clock = clock;
		this.mailbox = mailbox;
		this.network = network;
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
			liveMessages();
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
		Inbox email = services.setup().create("Courriel", "email", mailSettings(service), true);
		Inbox whatsapp = services.setup()
			.create("WhatsApp", "whatsapp", Map.of("phoneNumberId", "106540352242922", "accessToken", "demo-token",
					"appSecret", "demo-app-secret", "apiBaseUrl", network.baseUrl()), true);
		Inbox mastodon = services.setup()
			.create("Mastodon", "mastodon", Map.of("instance", "https://piaille.fr", "accessToken", "demo-token",
					"apiBaseUrl", network.baseUrl()), false);
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
			.create("Service client",
					List.of(email.id(), web.id(), app.id(), social.id(), chat.id(), whatsapp.id(), mastodon.id()),
					List.of(julie.id(), karim.id(), ines.id(), sophie.id()));
		Team billing = services.teams()
			.create("Facturation", List.of(email.id(), web.id()), List.of(ines.id(), thomas.id()));
		services.teams().create("Réseau de boutiques", List.of(shops.id()), List.of(thomas.id(), sophie.id()));
		services.teams()
			.create("Études", List.of(email.id(), web.id(), app.id(), shops.id(), social.id(), chat.id(), whatsapp.id(),
					mastodon.id()), List.of(marc.id()));

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

		List<Inbox> desks = List.of(email, web, app, shops);
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
			int draw = random.nextInt(100);
			Inbox inbox = desks.get(draw < 35 ? 0 : draw < 65 ? 1 : draw < 90 ? 2 : 3);
			story.conversation(inbox, person, DemoStory.workingMoment(random, now), answerers);
			conversations++;
		}
		story.publicVoice(social, new AgentPrincipal(julie));
		int chats = story.chats(chat, new AgentPrincipal(karim));
		chats += story.whatsapp(whatsapp, new AgentPrincipal(karim));
		chats += story.mastodon(mastodon, new AgentPrincipal(julie));
		story.approvals(web, new AgentPrincipal(julie), new AgentPrincipal(sophie));
		story.replay();
		professionalNetwork(julie, sophie);
		return conversations + chats + 2;
	}

	/**
	 * Julie's LinkedIn connections and Sophie's address book, through the network's
	 * imports: who can introduce whom to Paul Dupont, and a contact who changed companies
	 * (the replies of the 90 days add their own ties as the network reads them).
	 */
	private void professionalNetwork(Agent julie, Agent sophie) {
		String header = "Notes:\n\"When exporting your connection data, you may notice that some of the email "
				+ "addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
		String julies = header
				+ "Jean,Durand,https://www.linkedin.com/in/jean-durand-demo,jean.durand@vitrolles.example,"
				+ "Groupe Vitrolles,Directeur financier,12 Mar 2021\n"
				+ "Claire,Fontaine,,claire.fontaine@azur.example,Hôtels Azur,Acheteuse,03 Feb 2024\n";
		services.network().linkedIn(julie.id(), julies);
		services.network()
			.vCards("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jean Durand\r\nEMAIL:jean.durand@vitrolles.example\r\n"
					+ "RELATED;TYPE=colleague:mailto:paul.dupont@dupont-logistique.example\r\nEND:VCARD\r\n"
					+ "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Paul Dupont\r\nEMAIL:paul.dupont@dupont-logistique.example\r\n"
					+ "ORG:Dupont Logistique\r\nTITLE:PDG\r\nEND:VCARD\r\n", false);
		services.network()
			.linkedIn(sophie.id(), header + "Jean,Durand,,jean.durand@vitrolles.example,Groupe Vitrolles,"
					+ "Directeur financier,20 Sep 2019\n");
		services.network()
			.linkedIn(julie.id(), julies.replace("Hôtels Azur,Acheteuse", "Croisières du Rhône,Directrice des achats"));
	}

	/**
	 * The email inbox reads and sends through the demo's own mail server, with the desks'
	 * service levels.
	 */
	private Map<String, Object> mailSettings(Map<String, Object> service) {
		Map<String, Object> mail = new java.util.LinkedHashMap<>(service);
		mail.put("address", DemoMailbox.SUPPORT);
		mail.put("fromName", "Service client Téléo");
		mail.put("imap", Map.of("host", "127.0.0.1", "port", mailbox.imapPort(), "username", DemoMailbox.SUPPORT,
				"password", DemoMailbox.PASSWORD, "tls", false));
		mail.put("smtp", Map.of("host", "127.0.0.1", "port", mailbox.smtpPort(), "username", DemoMailbox.SUPPORT,
				"password", DemoMailbox.PASSWORD, "tls", false));
		return mail;
	}

	/**
	 * What comes in once the demo is up, through the real channels: two customers' mails
	 * in the support mailbox, read by the IMAP poller, and a Mastodon mention the poller
	 * finds on the stand-in network.
	 */
	private void liveMessages() {
		mailbox.customerWrites("Élodie Marchand", "elodie.marchand@exemple.fr", "Box livrée sans câble fibre",
				"Bonjour,\n\nJ'ai reçu ma nouvelle box ce matin mais le câble fibre manque dans le carton. "
						+ "Pouvez-vous m'en envoyer un ?\n\nÉlodie Marchand");
		mailbox.customerWrites("Jean-Baptiste Lefèvre", "jb.lefevre@exemple.fr", "Changement de titulaire",
				"Bonjour, je reprends la ligne de ma mère, Mme Lefèvre. Quelles pièces faut-il fournir ?\n\nMerci");
		network.mention("lea.roux@piaille.fr", "Léa Roux",
				"@teleo bravo pour la rapidité de l'installation ce matin, le technicien était top !");
	}

	private Agent agent(String email, String name, Role role, @Nullable String maxGesture) {
		Mandate mandate = maxGesture == null ? Mandate.NONE : new Mandate(new BigDecimal(maxGesture), "EUR");
		return services.registration().register(email, name, PASSWORD, role, mandate);
	}

}
